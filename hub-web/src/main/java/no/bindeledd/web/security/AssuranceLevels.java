package no.bindeledd.web.security;

import java.util.Set;

/**
 * ID-porten's levels of assurance, as its {@code acr} claim names them, and the ones at which the
 * hub lets a person see their own data: substantial (MinID, and the electronic IDs at that level)
 * or high (BankID, Buypass, Commfides).
 */
public final class AssuranceLevels {

  public static final String LOW = "idporten-loa-low";
  public static final String SUBSTANTIAL = "idporten-loa-substantial";
  public static final String HIGH = "idporten-loa-high";

  /** The levels at which the hub lets a citizen in. */
  public static final Set<String> ACCEPTED = Set.of(SUBSTANTIAL, HIGH);

  private AssuranceLevels() {}

  public static boolean accepted(Object acr) {
    return acr instanceof String level && ACCEPTED.contains(level);
  }
}
