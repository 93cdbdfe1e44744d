/**
 * Who is acting, and the refusal when they may not. Authentication happens in the web module; the
 * services here decide by role, agency and subject.
 */
package no.bindeledd.core.access;
