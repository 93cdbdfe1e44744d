package no.bindeledd.web.it;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import no.bindeledd.core.person.NationalId;

/**
 * The demo municipalities of {@code config/deployment-demo.json} (Fjordvik, and Elvdal with a
 * shared GP office and NAV office), and synthetic people.
 */
public final class Demo {

  public static final String REFUGEE_SERVICE = "311000004";
  public static final String GP_OFFICE = "311000012";
  public static final String OTHER_GP_OFFICE = "311000063";

  /** The GP office whose record system the hub reaches over HTTP (Dialogmelding). */
  public static final String HTTP_GP_OFFICE = "311000063";

  /** The GP office whose record system the hub reaches through a file drop (Dialogmelding). */
  public static final String FILE_GP_OFFICE = "311000098";

  public static final String SCHOOL = "311000020";
  public static final String KINDERGARTEN = "311000039";
  public static final String NAV = "311000047";

  public static final String CASEWORKER = "kari.caseworker";
  public static final String GP = "gunnar.gp";
  public static final String OTHER_GP = "frida.gp";
  public static final String SCHOOL_LIAISON = "sigrid.school";
  public static final String KINDERGARTEN_LIAISON = "berit.kindergarten";
  public static final String NAV_ADVISER = "nils.nav";
  public static final String AUDITOR = "aud.auditor";

  /** The demo's first municipality, Fjordvik, whose audit log holds its people's entries. */
  public static final String FJORDVIK = "9901";

  /** The demo's second municipality, Elvdal (9902), its own agencies and staff. */
  public static final String ELVDAL = "9902";

  public static final String ELVDAL_REFUGEE_SERVICE = "311000101";
  public static final String ELVDAL_SCHOOL = "311000128";
  public static final String ELVDAL_KINDERGARTEN = "311000136";
  public static final String ELVDAL_CASEWORKER = "eli.caseworker";
  public static final String ELVDAL_SCHOOL_LIAISON = "tone.school";
  public static final String ELVDAL_AUDITOR = "egil.auditor";

  /** The hub's own auditor, at no agency, who reads the hub's log and no municipality's. */
  public static final String HUB_AUDITOR = "hugo.hubauditor";

  /** Elvdal's demo participant, a guardian of two young children there. */
  public static final String OKSANA = "oksana.citizen";

  /** Demo citizens of the deployment file's demoParticipants (synthetic, invented). */
  public static final String AMINA = "amina.citizen";

  public static final String AMINAS_YOUNGER_CHILD = "Omar Haddad";
  public static final String FARID = "farid.citizen";
  public static final String FARIDS_CHILD = "Zahra Rahimi";

  /** A demo citizen who signs in only at ID-porten's low level, which the hub refuses. */
  public static final String LOW_CITIZEN = "low.citizen";

  private static final AtomicInteger NEXT = new AtomicInteger();

  private Demo() {}

  /** A fresh synthetic national identity number for an adult, unique in this test run. */
  public static String adultNationalId() {
    return NationalId.synthetic(
            LocalDate.of(1980 + NEXT.get() % 15, 1 + NEXT.get() % 12, 1 + NEXT.get() % 28),
            NEXT.getAndIncrement())
        .value();
  }

  public static String childNationalId() {
    return NationalId.synthetic(LocalDate.of(2017, 3, 1 + NEXT.get() % 28), NEXT.getAndIncrement())
        .value();
  }

  public static String participantJson(String nationalId) {
    return """
        {"nationalId":"%s","givenName":"Amal","familyName":"Testesen","preferredLanguage":"ar"}"""
        .formatted(nationalId);
  }

  /** J1's consent: the GP office may tell the refugee service about appointments, for a year. */
  public static String gpConsentJson(String subjectId) {
    return gpConsentJson(subjectId, GP_OFFICE);
  }

  public static String referralQuestionJson(String subjectId) {
    return referralQuestionJson(subjectId, GP_OFFICE);
  }

  /** J1's consent with {@code gpOffice} as the office that discloses. */
  public static String gpConsentJson(String subjectId, String gpOffice) {
    return """
        {"subjectId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
         "categories":["appointment-outcomes","referral-status"],
         "purpose":"introduction-programme-follow-up","validForDays":365,
         "evidence":{"collectionMethod":"paper-form",
           "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           "textLanguage":"ar","interpreter":{"identity":"Interpreter 4711","language":"ar"}}}"""
        .formatted(subjectId, gpOffice, REFUGEE_SERVICE);
  }

  public static String referralQuestionJson(String subjectId, String gpOffice) {
    return """
        {"recipient":"%s","subjectId":"%s","category":"referral-status",
         "purpose":"introduction-programme-follow-up",
         "question":"Was the participant referred to hospital after the appointment on 20 November?"}"""
        .formatted(gpOffice, subjectId);
  }
}
