package no.bindeledd.core.consent;

/**
 * Whether a consent lets information flow only from the disclosing agency to the receiving one, or
 * both ways between them (a school and the refugee service exchanging about a child).
 */
public enum Direction {
  ONE_WAY,
  BOTH_WAYS
}
