/** The HTTP face of the person register: participants, children and guardians. */
package no.bindeledd.web.people;
