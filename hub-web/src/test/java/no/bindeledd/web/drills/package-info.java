/**
 * Crash drills: the packaged hub, in a process of its own, made to fail the way production fails
 * (killed with SIGKILL under load, its database stopped and started again, a recipient that
 * misbehaves), and then checked from outside, as an operator and the agencies would see it: nothing
 * acknowledged lost or delivered twice, nothing half-stored, the audit log verifying offline. The
 * figures they print are in docs/reliability.md.
 */
package no.bindeledd.web.drills;
