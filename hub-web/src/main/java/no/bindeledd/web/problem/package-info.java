/** RFC 9457 problem details for every error the API returns, and the audit of refusals. */
package no.bindeledd.web.problem;
