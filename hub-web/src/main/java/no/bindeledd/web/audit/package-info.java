/** The auditor's view of the audit log: search, and export as CSV. */
package no.bindeledd.web.audit;
