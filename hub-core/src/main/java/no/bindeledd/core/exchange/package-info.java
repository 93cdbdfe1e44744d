/**
 * Requests, answers and their delivery. Every message is signed as its sending agency, decided on
 * by {@link no.bindeledd.core.consent.ConsentDecisions}, audited, and stored with its outbox entry
 * in one transaction; the connectors deliver it by calling {@link
 * no.bindeledd.core.exchange.Delivery}.
 */
package no.bindeledd.core.exchange;
