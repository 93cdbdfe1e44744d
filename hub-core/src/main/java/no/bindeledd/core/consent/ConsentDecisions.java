package no.bindeledd.core.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.AgeRules;

/**
 * The one place that decides whether information may flow. Every outbound request, every answer and
 * every delivery asks here, and records what it was told.
 */
@ApplicationScoped
public class ConsentDecisions {

  private Consents consents;
  private AgeRules ageRules;

  protected ConsentDecisions() {}

  @Inject
  public ConsentDecisions(Consents consents, AgeRules ageRules) {
    this.consents = consents;
    this.ageRules = ageRules;
  }

  /** The age rules every decision is made under. */
  public AgeRules ageRules() {
    return ageRules;
  }

  /**
   * Decides whether {@code flow} may happen at {@code now}. Health data never goes to an agency
   * whose kind may not receive it, whatever any consent says. Otherwise the flow is allowed on the
   * covering active consent that lasts longest; a refusal names the nearest miss, so that a
   * caseworker learns that a consent was withdrawn rather than merely absent.
   */
  public ConsentDecision decide(Flow flow, AgencyKind recipientKind, Instant now) {
    if (flow.category().isHealthData() && !recipientKind.mayReceiveHealthData()) {
      return ConsentDecision.refused(
          flow,
          Refusal.HEALTH_DATA_NOT_ALLOWED,
          "health data ("
              + flow.category().code()
              + ") is never shared with a "
              + recipientKind.name().toLowerCase().replace('_', ' '));
    }
    List<Consent> matching =
        consents.aboutSubject(flow.subjectId()).stream().filter(c -> c.termsCover(flow)).toList();
    return matching.stream()
        .filter(c -> c.covers(flow, now, ageRules))
        .max(Comparator.comparing(Consent::validUntil))
        .map(c -> ConsentDecision.allowed(flow, c))
        .orElseGet(() -> nearestMiss(flow, matching, now));
  }

  /**
   * Decides a request: {@code answerFlow} is the flow the request asks for, from the asked agency
   * back to the asking one. Health data is not even asked of, or about, an agency that may never
   * receive it.
   */
  public ConsentDecision decideRequest(
      Flow answerFlow, AgencyKind askingKind, AgencyKind askedKind, Instant now) {
    if (answerFlow.category().isHealthData() && !askedKind.mayReceiveHealthData()) {
      return ConsentDecision.refused(
          answerFlow,
          Refusal.HEALTH_DATA_NOT_ALLOWED,
          "health data ("
              + answerFlow.category().code()
              + ") is never discussed with a "
              + askedKind.name().toLowerCase().replace('_', ' '));
    }
    return decide(answerFlow, askingKind, now);
  }

  /** A consent that does not cover a flow, and each way in which it falls short. */
  public record NearMiss(Consent consent, Set<ConsentDifference> differences) {

    public NearMiss {
      differences = Set.copyOf(differences);
    }

    long termDifferences() {
      return differences.stream().filter(ConsentDifference::isAboutTerms).count();
    }
  }

  /**
   * At most this many of a flow's terms (agencies, category, purpose) may differ in a near miss.
   */
  private static final int MAX_TERMS_APART = 2;

  /**
   * The consents about the flow's subject that come closest to covering it, closest first: those
   * that differ in fewest terms, then in state (withdrawn, expired), then the latest to end. This
   * decides nothing; whether the flow may happen is {@link #decide}'s answer alone, and the
   * differences are {@link Consent#differencesFrom}, the statement of covering that deciding uses.
   *
   * <p>Only consents that name {@code seenBy} are listed, since an agency may read no other (as in
   * {@link ConsentRegistry#read}). A consent entered in error never counted and is left out, and so
   * is one that differs in all three of the agencies, the category and the purpose: it is no near
   * miss but another consent.
   */
  public List<NearMiss> closest(Flow flow, OrganisationNumber seenBy, Instant now, int max) {
    return consents.aboutSubject(flow.subjectId()).stream()
        .filter(c -> c.involves(seenBy))
        .map(c -> new NearMiss(c, c.differencesFrom(flow, now, ageRules)))
        .filter(m -> !m.differences().isEmpty())
        .filter(m -> !m.differences().contains(ConsentDifference.ENTERED_IN_ERROR))
        .filter(m -> m.termDifferences() <= MAX_TERMS_APART)
        .sorted(
            Comparator.comparingLong(NearMiss::termDifferences)
                .thenComparingInt(m -> m.differences().size())
                .thenComparing(m -> m.consent().validUntil(), Comparator.reverseOrder()))
        .limit(max)
        .toList();
  }

  private ConsentDecision activeButNotCovering(Flow flow, Consent consent, Instant now) {
    Set<ConsentDifference> differences = consent.differencesFrom(flow, now, ageRules);
    if (differences.contains(ConsentDifference.NOT_YET_VALID)) {
      return ConsentDecision.refused(
          flow,
          Refusal.CONSENT_NOT_YET_VALID,
          "consent " + consent.id() + " is valid from " + consent.validFrom());
    }
    if (differences.contains(ConsentDifference.AWAITING_CONFIRMATION)) {
      return ConsentDecision.refused(
          flow,
          Refusal.AWAITING_CONFIRMATION,
          "consent "
              + consent.id()
              + " was given by a guardian; from "
              + ageRules.healthConsentAge()
              + " the young person consents to health flows themselves and has not confirmed it");
    }
    return ConsentDecision.refused(
        flow,
        Refusal.AWAITING_GUARDIANS,
        "consent "
            + consent.id()
            + " needs every guardian's consent and waits for "
            + consent.guardiansAwaited().size()
            + " more");
  }

  private ConsentDecision nearestMiss(Flow flow, List<Consent> matching, Instant now) {
    for (int i = matching.size() - 1; i >= 0; i--) {
      Consent consent = matching.get(i);
      switch (consent.statusAt(now)) {
        case WITHDRAWN -> {
          return ConsentDecision.refused(
              flow, Refusal.CONSENT_WITHDRAWN, "consent " + consent.id() + " was withdrawn");
        }
        case EXPIRED -> {
          return ConsentDecision.refused(
              flow,
              Refusal.CONSENT_EXPIRED,
              "consent " + consent.id() + " expired at " + consent.validUntil());
        }
        case ACTIVE -> {
          return activeButNotCovering(flow, consent, now);
        }
        case ENTERED_IN_ERROR -> {
          // An erroneous consent never counted; look further back.
        }
      }
    }
    return ConsentDecision.refused(
        flow,
        Refusal.NO_CONSENT,
        "no consent lets "
            + flow.from()
            + " share "
            + flow.category().code()
            + " with "
            + flow.to()
            + " for "
            + flow.purpose().code());
  }
}
