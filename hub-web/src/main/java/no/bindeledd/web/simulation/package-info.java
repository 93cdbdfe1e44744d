/**
 * The simulated agencies of the embedded demo, run inside the hub when configured: the GP offices'
 * record systems, NAV's plan intake and a mail server that catches notification e-mails. They speak
 * to the hub only over HTTP, files and SMTP, as the real agencies would.
 */
package no.bindeledd.web.simulation;
