package no.bindeledd.core.persistence;

import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKey;
import no.bindeledd.core.atrest.Sealable;
import no.bindeledd.core.atrest.SealedOnInsert;
import no.bindeledd.core.audit.AuditNote;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentChange;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.person.Person;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorEvent;
import org.eclipse.persistence.descriptors.DescriptorEventAdapter;
import org.eclipse.persistence.expressions.ExpressionBuilder;
import org.eclipse.persistence.internal.sessions.AbstractRecord;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.queries.ReadObjectQuery;
import org.eclipse.persistence.sessions.Session;

/**
 * Opens each {@link Sealable} entity as the JPA provider builds it from its row, whichever query,
 * find or relationship loaded it, with the hub's {@link AtRestCipher}. An EclipseLink descriptor
 * listener rather than a JPA entity listener because it is an instance: it holds this persistence
 * unit's cipher, with no static state, and reads a data key missing from the cache through the
 * session that is building the row, inside its transaction (ADR 0030). A {@link SealedOnInsert} row
 * it seals as it is inserted, once the database has given it its id.
 */
public final class AtRestSealing {

  /** The entities whose personal fields are stored sealed. */
  static final List<Class<? extends Sealable>> SEALED =
      List.of(Person.class, Message.class, Consent.class, ConsentChange.class, AuditNote.class);

  private AtRestSealing() {}

  /**
   * Has the persistence unit open sealed entities with {@code cipher}; once per unit, before the
   * first sealed entity is read. A second call with the same cipher changes nothing.
   */
  public static synchronized void install(EntityManagerFactory factory, AtRestCipher cipher) {
    Session session = factory.unwrap(Session.class);
    for (Class<? extends Sealable> sealed : SEALED) {
      ClassDescriptor descriptor = session.getDescriptor(sealed);
      boolean installed =
          descriptor.getEventManager().getEventListeners().stream()
              .anyMatch(l -> l instanceof Opener opener && opener.cipher == cipher);
      if (!installed) {
        descriptor.getEventManager().addListener(new Opener(cipher));
      }
    }
  }

  /**
   * The listener itself, apart from {@link AtRestSealing} so that callers of {@link #install} need
   * no EclipseLink on their class path.
   */
  private static final class Opener extends DescriptorEventAdapter {

    private final AtRestCipher cipher;

    Opener(AtRestCipher cipher) {
      this.cipher = cipher;
    }

    @Override
    public void postBuild(DescriptorEvent event) {
      open(event);
    }

    @Override
    public void postClone(DescriptorEvent event) {
      open(event);
    }

    @Override
    public void postRefresh(DescriptorEvent event) {
      open(event);
    }

    /**
     * Seals a {@link SealedOnInsert} row now that it has its id, and writes its columns into the
     * row being inserted, which was built from it before.
     */
    @Override
    public void aboutToInsert(DescriptorEvent event) {
      if (!(event.getObject() instanceof SealedOnInsert row) || row.dataKeyId().isPresent()) {
        return;
      }
      String keyId =
          row.dataKeyToSealWith()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          row.sealedTable()
                              + " "
                              + row.id()
                              + " has no data key to be sealed with; it is not stored in clear"));
      row.seal(
          cipher.row(row.sealedTable(), row.id(), keyId, id -> dataKey(event.getSession(), id)));
      AbstractRecord inserted = (AbstractRecord) event.getRecord();
      AbstractSession session = event.getSession();
      for (DatabaseMapping mapping : event.getDescriptor().getMappings()) {
        if (mapping.isDirectToFieldMapping()) {
          mapping.writeFromObjectIntoRow(row, inserted, session, DatabaseMapping.WriteType.INSERT);
        }
      }
    }

    private void open(DescriptorEvent event) {
      if (!(event.getObject() instanceof Sealable row)) {
        return;
      }
      row.dataKeyId()
          .ifPresent(
              keyId ->
                  row.open(
                      cipher.row(
                          row.sealedTable(),
                          row.id(),
                          keyId,
                          id -> dataKey(event.getSession(), id))));
    }

    private static Optional<DataKey> dataKey(Session session, String id) {
      ReadObjectQuery query = new ReadObjectQuery(DataKey.class);
      query.setSelectionCriteria(new ExpressionBuilder().get("id").equal(id));
      return Optional.ofNullable((DataKey) session.executeQuery(query));
    }
  }
}
