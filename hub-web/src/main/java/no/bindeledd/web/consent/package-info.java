/** The HTTP face of consents: recording, reading, withdrawing, FHIR and receipts. */
package no.bindeledd.web.consent;
