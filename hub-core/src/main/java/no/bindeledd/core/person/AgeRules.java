package no.bindeledd.core.person;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import no.bindeledd.core.InvalidInput;

/**
 * The ages at which a child's say over their own data grows: who consents for a child, when the
 * child is heard, and until when a guardian acts for them. The one place these ages are read; their
 * values come from the municipality's table ({@code config/consent-age-rules.json}), whose legal
 * basis is in {@code docs/consent-and-age.md}.
 *
 * <p>A person's age is counted in whole years with {@link Period}: they are a year older on their
 * birthday, and someone born on 29 February is a year older on 1 March in a year without one.
 *
 * @param healthConsentAge from this age a person consents to health flows themselves, and a
 *     guardian no longer acts for them
 * @param heardFromAge from this age a child is heard before a guardian consents for them
 * @param guardiansNeeded whether one guardian's consent is enough, or every guardian's
 */
public record AgeRules(int healthConsentAge, int heardFromAge, GuardiansNeeded guardiansNeeded) {

  /** How many of a child's guardians must consent for the child. */
  public enum GuardiansNeeded {
    ONE("one"),
    EVERY("every");

    private final String code;

    GuardiansNeeded(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static GuardiansNeeded fromCode(String code) {
      for (GuardiansNeeded value : values()) {
        if (value.code.equals(code)) {
          return value;
        }
      }
      throw new InvalidInput("guardiansNeeded is \"one\" or \"every\", not " + code);
    }
  }

  public AgeRules {
    if (heardFromAge < 0
        || heardFromAge > healthConsentAge
        || healthConsentAge > Person.AGE_OF_MAJORITY) {
      throw new InvalidInput("age rules need 0 <= heardFromAge <= healthConsentAge <= 18");
    }
    if (guardiansNeeded == null) {
      throw new InvalidInput("age rules need guardiansNeeded");
    }
  }

  /** Norway's calendar decides when a birthday begins. */
  public static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

  /** The calendar day in Norway at {@code instant}, the day ages are counted on. */
  public static LocalDate dayOf(Instant instant) {
    return LocalDate.ofInstant(instant, NORWAY);
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

  /** Whether {@code person} consents to health flows themselves on {@code day}. */
  public boolean consentsToHealthThemselves(Person person, LocalDate day) {
    return ageOn(person, day) >= healthConsentAge;
  }

  /** Whether a guardian who consents for {@code child} on {@code day} must first hear the child. */
  public boolean mustBeHeard(Person child, LocalDate day) {
    return ageOn(child, day) >= heardFromAge;
  }

  /**
   * The first day on which {@code person} consents to health flows themselves: the birthday of
   * {@link #healthConsentAge}, or 1 March for someone born on 29 February in a year without one.
   */
  public LocalDate healthConsentFrom(Person person) {
    LocalDate born = person.birthDate();
    LocalDate birthday = born.plusYears(healthConsentAge);
    return birthday.getDayOfMonth() == born.getDayOfMonth() ? birthday : birthday.plusDays(1);
  }
}
