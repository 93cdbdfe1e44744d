package no.bindeledd.core.person;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.RowCipher;
import no.bindeledd.core.atrest.Sealable;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.persistence.InstantConverter;
import no.bindeledd.core.text.TextKind;

/**
 * A person the hub holds data about: a participant in the introduction programme, or a child of
 * one. A child's consents are given by a guardian.
 *
 * <p>The names and the national identity number are stored sealed under the person's own data key
 * ({@link Sealable}); the number is found again through its keyed hash.
 */
@Entity
@Table(name = "person")
public class Person implements Sealable {

  static final String TABLE = "person";

  public static final int AGE_OF_MAJORITY = 18;

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Transient private String nationalId;

  @Transient private String givenName;

  @Transient private String familyName;

  /** The data key the columns below are sealed with; destroying it erases them. */
  @Column(name = "data_key_id", length = 36)
  private String dataKeyId;

  /** HMAC-SHA-256 of the national identity number under the lookup key, hex. */
  @Column(name = "national_id_hash", length = 64, unique = true)
  private String nationalIdHash;

  @Column(name = "sealed_national_id")
  private byte[] sealedNationalId;

  @Column(name = "sealed_given_name")
  private byte[] sealedGivenName;

  @Column(name = "sealed_family_name")
  private byte[] sealedFamilyName;

  /** BCP 47 tag of the language the person reads best: receipts and insight pages use it. */
  @Column(name = "preferred_language", length = 35, nullable = false)
  private String preferredLanguage;

  @Convert(converter = InstantConverter.class)
  @Column(name = "registered_at", nullable = false)
  private Instant registeredAt;

  @Column(name = "registered_by", nullable = false)
  private String registeredBy;

  /**
   * When the person's names and identity number were erased (ADR 0035); the row stays so that every
   * reference to the person still resolves, to "erased".
   */
  @Convert(converter = InstantConverter.class)
  @Column(name = "erased_at")
  private Instant erasedAt;

  /** The municipality that settled the person, whose refugee service registered them. */
  @Column(name = "municipality", length = 4, nullable = false)
  private String municipality;

  @ManyToMany
  @JoinTable(
      name = "guardianship",
      joinColumns = @JoinColumn(name = "child_id"),
      inverseJoinColumns = @JoinColumn(name = "guardian_id"))
  private List<Person> guardians = new ArrayList<>();

  protected Person() {}

  public Person(
      NationalId nationalId,
      String givenName,
      String familyName,
      Locale preferredLanguage,
      Instant registeredAt,
      String registeredBy,
      MunicipalityNumber municipality) {
    this.id = UUID.randomUUID().toString();
    this.nationalId = nationalId.value();
    this.givenName = requireName(givenName, "givenName");
    this.familyName = requireName(familyName, "familyName");
    this.preferredLanguage = preferredLanguage.toLanguageTag();
    this.registeredAt = Objects.requireNonNull(registeredAt);
    this.registeredBy = Objects.requireNonNull(registeredBy);
    this.municipality = municipality.value();
  }

  /**
   * A name as the register keeps it: checked before it is stripped, so that a line break or a
   * control character at either end is refused, not silently dropped.
   */
  private static String requireName(String name, String field) {
    if (name == null || name.isBlank()) {
      throw new InvalidInput(field + " is required");
    }
    if (name.length() > 200) {
      throw new InvalidInput(field + " is longer than 200 characters");
    }
    return TextKind.NAME.require(field, name).strip();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String sealedTable() {
    return TABLE;
  }

  @Override
  public Optional<String> dataKeyId() {
    return Optional.ofNullable(dataKeyId);
  }

  @Override
  public void seal(RowCipher row) {
    if (dataKeyId != null) {
      throw new IllegalStateException("person " + id + " is sealed already");
    }
    dataKeyId = row.dataKeyId();
    nationalIdHash = row.lookupHash("national_id", nationalId);
    sealedNationalId = row.seal("national_id", nationalId);
    sealedGivenName = row.seal("given_name", givenName);
    sealedFamilyName = row.seal("family_name", familyName);
  }

  @Override
  public void open(RowCipher row) {
    nationalId = row.openText("national_id", sealedNationalId);
    givenName = row.openText("given_name", sealedGivenName);
    familyName = row.openText("family_name", sealedFamilyName);
  }

  /**
   * Erases the names and the national identity number: empties their sealed columns and gives back
   * the data key they were sealed with, for the caller to destroy. The keyed hash of the number
   * stays, so that the person can still sign in and read their access log.
   */
  public Optional<String> erase(Instant at) {
    if (erasedAt != null) {
      throw new Conflict("person " + id + " was erased on " + erasedAt);
    }
    String key = dataKeyId;
    dataKeyId = null;
    sealedNationalId = null;
    sealedGivenName = null;
    sealedFamilyName = null;
    nationalId = null;
    givenName = null;
    familyName = null;
    erasedAt = Objects.requireNonNull(at);
    return Optional.ofNullable(key);
  }

  public Optional<Instant> erasedAt() {
    return Optional.ofNullable(erasedAt);
  }

  /**
   * Refuses what needs the erased names or number: nothing new is recorded, sent or written about
   * an erased person.
   *
   * @param refused what cannot be done, such as "no consent can be recorded about them"
   */
  public void requireNotErased(String refused) {
    if (erasedAt != null) {
      throw new Conflict("person " + id + " was erased on " + erasedAt + ": " + refused);
    }
  }

  public boolean isErased() {
    return erasedAt != null;
  }

  /** The keyed hash by which the register finds the person with {@code nationalId}. */
  public static String lookupHash(AtRestCipher atRest, NationalId nationalId) {
    return atRest.lookupHash(TABLE, "national_id", nationalId.value());
  }

  public NationalId nationalId() {
    return new NationalId(nationalId);
  }

  public String givenName() {
    return givenName;
  }

  public String familyName() {
    return familyName;
  }

  /** The given and family name, or null once they were erased. */
  public String fullName() {
    return erasedAt != null ? null : givenName + " " + familyName;
  }

  public Locale preferredLanguage() {
    return Locale.forLanguageTag(preferredLanguage);
  }

  public MunicipalityNumber municipality() {
    return new MunicipalityNumber(municipality);
  }

  public boolean isIn(MunicipalityNumber other) {
    return municipality.equals(other.value());
  }

  public Instant registeredAt() {
    return registeredAt;
  }

  public LocalDate birthDate() {
    return nationalId().birthDate();
  }

  public boolean isChildOn(LocalDate day) {
    return Period.between(birthDate(), day).getYears() < AGE_OF_MAJORITY;
  }

  public List<Person> guardians() {
    return List.copyOf(guardians);
  }

  public boolean hasGuardian(Person person) {
    return guardians.stream().anyMatch(g -> g.id.equals(person.id));
  }

  /** Links a guardian to this child. A guardian must be an adult and not the child itself. */
  public void addGuardian(Person guardian, LocalDate today) {
    if (guardian.id.equals(id)) {
      throw new InvalidInput("a person cannot be their own guardian");
    }
    if (!isChildOn(today)) {
      throw new InvalidInput("only a child (under " + AGE_OF_MAJORITY + ") has guardians");
    }
    if (guardian.isChildOn(today)) {
      throw new InvalidInput("a guardian must be an adult");
    }
    if (hasGuardian(guardian)) {
      throw new Conflict("already a guardian of this child");
    }
    guardians.add(guardian);
  }
}
