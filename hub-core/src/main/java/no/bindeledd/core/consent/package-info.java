/**
 * Consents and the decisions made on them. {@link no.bindeledd.core.consent.ConsentDecisions} is
 * the only place that answers whether a flow may happen; nothing else reads consents to decide.
 */
package no.bindeledd.core.consent;
