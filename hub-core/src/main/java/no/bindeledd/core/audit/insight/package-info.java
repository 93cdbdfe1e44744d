/**
 * The person's own access log: which agency got or looked at what information about them, when, and
 * on which consent, in plain words in their language and in Norwegian. It is read from the audit
 * log, which already records every access; this package only chooses and words the entries. Nothing
 * here changes the log except the entry that records reading it.
 */
package no.bindeledd.core.audit.insight;
