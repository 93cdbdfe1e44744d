/** The HTTP face of the agency register and the certificates messages are checked against. */
package no.bindeledd.web.agency;
