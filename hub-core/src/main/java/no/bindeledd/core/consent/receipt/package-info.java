/**
 * The receipt a person gets for a consent, in their own language and in Norwegian, with the fields
 * of the Kantara Consent Receipt and ISO/IEC TS 27560. Texts live in resource bundles beside this
 * package; nothing here reaches a database or the web layer.
 */
package no.bindeledd.core.consent.receipt;
