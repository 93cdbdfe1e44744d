package no.bindeledd.core.person;

import java.time.LocalDate;
import java.time.Period;
import no.bindeledd.core.InvalidInput;

/**
 * The ages at which a child's say over their own data grows: who consents for a child, when the
 * child is heard, and until when a guardian acts for them. The one place these ages are read.
 *
 * @param healthConsentAge from this age a person consents to health flows themselves, and a
 *     guardian no longer acts for them
 * @param heardFromAge from this age a child is heard before a guardian consents for them
 * @param guardiansNeeded whether one guardian's consent is enough, or every guardian's
 */
public record AgeRules(int healthConsentAge, int heardFromAge, GuardiansNeeded guardiansNeeded) {

  /** How many of a child's guardians must consent for the child. */
  public enum GuardiansNeeded {
    ONE,
    EVERY
  }

  public AgeRules {
    if (heardFromAge < 0 || heardFromAge > healthConsentAge || healthConsentAge > 18) {
      throw new InvalidInput("age rules need 0 <= heardFromAge <= healthConsentAge <= 18");
    }
    if (guardiansNeeded == null) {
      throw new InvalidInput("age rules need guardiansNeeded");
    }
  }

  /** Norwegian law's ages; see the documented table for the basis of each. */
  public static AgeRules norwegianLaw() {
    return new AgeRules(16, 12, GuardiansNeeded.ONE);
  }

  /** The person's age in whole years on {@code day}. */
  public static int ageOn(Person person, LocalDate day) {
    return Period.between(person.birthDate(), day).getYears();
  }

  /**
   * Whether {@code guardian} acts for {@code child} on {@code day}: sees the child's data and
   * withdraws the child's consents, because the child cannot yet act for themselves.
   */
  public boolean guardianActsFor(Person guardian, Person child, LocalDate day) {
    return child.hasGuardian(guardian) && ageOn(child, day) < healthConsentAge;
  }
}
