/** The HTTP face of the exchange: requests, answers, signed submissions, inbox and status. */
package no.bindeledd.web.exchange;
