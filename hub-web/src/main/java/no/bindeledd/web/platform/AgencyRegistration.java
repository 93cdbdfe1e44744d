package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.util.Map;
import no.bindeledd.core.certificates.CertificateRegistry;
import no.bindeledd.core.certificates.CertificateUse;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.Municipalities;
import no.bindeledd.core.party.Municipality;

/**
 * Brings the municipalities and the agency register in line with configuration: adds new ones,
 * renames changed ones, records the municipalities each agency serves, gives people registered
 * before the hub knew municipalities the one municipality it then served, and registers the signing
 * and encryption certificates of each agency whose keys the hub holds, through the certificate
 * registry and its checks, as an administrator's registration would be.
 */
@ApplicationScoped
public class AgencyRegistration {

  @Inject Municipalities municipalities;
  @Inject Agencies agencies;
  @Inject EntityManager em;
  @Inject CertificateRegistry certificateRegistry;

  @Transactional
  public void register(
      Deployment deployment,
      Map<String, X509Certificate> certificates,
      Map<String, X509Certificate> encryptionCertificates) {
    for (Deployment.MunicipalityEntry entry : deployment.municipalities()) {
      municipalities
          .find(entry.number())
          .ifPresentOrElse(
              known -> known.rename(entry.name()),
              () -> municipalities.add(new Municipality(entry.number(), entry.name())));
    }
    for (Deployment.AgencyEntry entry : deployment.agencies()) {
      Agency agency =
          agencies
              .find(entry.orgNumber())
              .orElseGet(
                  () -> {
                    Agency created =
                        new Agency(
                            entry.orgNumber(),
                            entry.name(),
                            entry.kind(),
                            entry.herId(),
                            entry.municipalities());
                    agencies.add(created);
                    return created;
                  });
      agency.describe(entry.name(), entry.kind(), entry.herId(), entry.municipalities());
    }
    placePeopleRegisteredBeforeMunicipalities(deployment);
    for (Deployment.AgencyEntry entry : deployment.agencies()) {
      X509Certificate certificate = certificates.get(entry.orgNumber().value());
      if (certificate != null) {
        certificateRegistry.registerAtStart(entry.orgNumber(), certificate);
      }
      X509Certificate encryption = encryptionCertificates.get(entry.orgNumber().value());
      if (encryption != null) {
        certificateRegistry.registerAtStart(
            entry.orgNumber(), encryption, CertificateUse.ENCRYPTION);
      }
    }
  }

  /**
   * A hub upgraded from one municipality to many has people with no municipality yet: they are the
   * one municipality's it served then. With several configured, the hub cannot tell, and stops.
   */
  private void placePeopleRegisteredBeforeMunicipalities(Deployment deployment) {
    long unplaced =
        em.createQuery("select count(p) from Person p where p.municipality is null", Long.class)
            .getSingleResult();
    if (unplaced == 0) {
      return;
    }
    if (deployment.municipalities().size() != 1) {
      throw new IllegalStateException(
          unplaced
              + " people were registered before the hub served several municipalities; start it"
              + " once with only the municipality they belong to, then add the others");
    }
    em.createQuery("update Person p set p.municipality = :number where p.municipality is null")
        .setParameter("number", deployment.municipalities().get(0).number().value())
        .executeUpdate();
  }
}
