/**
 * Simulators of the agencies' own systems, speaking their formats over real HTTP and files: a GP
 * office's record system (Dialogmelding, AppRec) and NAV's plan intake. The embedded profile runs
 * them so that the demo works end to end; the tests run them to play the other side, and to take
 * one down. They sign and verify through functions they are given, as a real system would with its
 * own keys.
 */
package no.bindeledd.connectors.simulator;
