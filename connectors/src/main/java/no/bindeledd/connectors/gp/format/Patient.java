package no.bindeledd.connectors.gp.format;

/**
 * The person a dialog message is about, identified by a national identity number (fødselsnummer) or
 * a D number.
 */
public record Patient(String nationalId, String givenName, String familyName) {

  /** The identifier types of code list 8116 that a patient's number can have. */
  public enum IdType {
    /** Fødselsnummer: the first digit is the first digit of the day of birth, 0-3. */
    FNR("Fødselsnummer"),
    /** D number, given to people without a fødselsnummer: 4 is added to the first digit. */
    DNR("D-nummer");

    private final String displayName;

    IdType(String displayName) {
      this.displayName = displayName;
    }

    /** The official Norwegian name, written as the TypeId's DN. */
    public String displayName() {
      return displayName;
    }
  }

  public Patient {
    if (!Identifiers.isNationalId(nationalId)) {
      throw new IllegalArgumentException(
          "a national identity number is eleven digits with valid check digits");
    }
    if (givenName == null || givenName.isBlank() || familyName == null || familyName.isBlank()) {
      throw new IllegalArgumentException("a patient needs a given name and a family name");
    }
    XmlText.require(givenName, "givenName");
    XmlText.require(familyName, "familyName");
  }

  public IdType idType() {
    return nationalId.charAt(0) >= '4' ? IdType.DNR : IdType.FNR;
  }

  /** Shows only the birth date part of the number, so logs and errors do not spread it. */
  @Override
  public String toString() {
    return "Patient[" + nationalId.substring(0, 6) + "*****, " + givenName + " " + familyName + "]";
  }
}
