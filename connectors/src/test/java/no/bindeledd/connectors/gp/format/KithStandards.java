package no.bindeledd.connectors.gp.format;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The published KITH schemas and sample messages: test data, never in the repository. A test that
 * cannot find them is skipped and says where it looked and how to supply them, or fails when the
 * build requires them (CI).
 */
final class KithStandards {

  static final String PROPERTY = "bindeledd.standards";

  /** When true, missing schemas and samples fail the build instead of skipping the tests. */
  static final String REQUIRED = "bindeledd.standards.required";

  private static final Logger LOG = Logger.getLogger(KithStandards.class.getName());

  private KithStandards() {}

  private static boolean reported;
  private static Schema schema;

  /**
   * The {@code kith} folder, holding {@code xsd/} and {@code samples/}. When it is missing, the
   * calling test is skipped (the first one logs one line that says what is skipped and how to
   * supply the data), or fails when the build requires the standards' data ({@value #REQUIRED}, as
   * CI does).
   */
  static synchronized Path folder() {
    String configured = System.getProperty(PROPERTY);
    Path kith =
        configured == null || configured.isBlank()
            ? null
            : Path.of(configured).resolve("kith").normalize();
    if (kith == null
        || !Files.isDirectory(kith.resolve("xsd"))
        || !Files.isDirectory(kith.resolve("samples"))) {
      String missing =
          "the KITH schemas and sample messages (github.com/ks-no/fiks-nhn-client, msh-client) are"
              + " not in "
              + (kith == null ? "(" + PROPERTY + " is not set)" : kith.toAbsolutePath())
              + "; run with -D"
              + PROPERTY
              + "=/path/to/standards, the folder that holds kith/xsd/ and kith/samples/ (see"
              + " README.md)";
      if (Boolean.getBoolean(REQUIRED)) {
        fail("Required by -D" + REQUIRED + "=true, but " + missing);
      }
      if (!reported) {
        reported = true;
        LOG.warning(() -> "Skipped KithConformanceTest: " + missing);
      }
      Assumptions.abort(missing);
    }
    return kith;
  }

  static Path sample(String relativePath) {
    Path sample = folder().resolve("samples").resolve(relativePath);
    if (!Files.isRegularFile(sample)) {
      fail("The sample message " + sample.toAbsolutePath() + " is missing.");
    }
    return sample;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * MsgHead 1.2 with Dialogmelding 1.1 (RefDoc Content is validated strictly, so the body needs its
   * schema too) and AppRec 1.0, every import resolved in the local folder only.
   */
  static synchronized Schema schema() {
    if (schema == null) {
      schema = loadSchema(folder().resolve("xsd"));
    }
    return schema;
  }

  private static Schema loadSchema(Path xsd) {
    try {
      SchemaFactory factory = SchemaFactory.newDefaultInstance();
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
      factory.setResourceResolver(
          (type, namespace, publicId, systemId, baseUri) -> localSchema(xsd, systemId));
      return factory.newSchema(
          new StreamSource[] {
            new StreamSource(xsd.resolve("MsgHead-v1_2.xsd").toFile()),
            new StreamSource(xsd.resolve("dialogmelding-v1.1.xsd").toFile()),
            new StreamSource(xsd.resolve("apprec-v1.0.xsd").toFile())
          });
    } catch (SAXException e) {
      throw new IllegalStateException("the KITH schemas do not load", e);
    }
  }

  /** The schema errors in {@code xml}; empty when it is valid. */
  static List<String> validationErrors(Schema schema, byte[] xml) {
    List<String> errors = new ArrayList<>();
    Validator validator = schema.newValidator();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
              errors.add("warning: " + e.getMessage());
            }

            @Override
            public void error(SAXParseException e) {
              errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
              errors.add("fatal, line " + e.getLineNumber() + ": " + e.getMessage());
            }
          });
      validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
    } catch (SAXException e) {
      errors.add(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return errors;
  }

  private static LSInput localSchema(Path xsd, String systemId) {
    Path local = xsd.resolve(Path.of(systemId).getFileName().toString());
    if (!Files.isRegularFile(local)) {
      throw new IllegalStateException("the schemas import " + systemId + ", not in " + xsd);
    }
    return new LocalInput(local);
  }

  /** An LSInput over a file in the schema folder. */
  private record LocalInput(Path file) implements LSInput {
    @Override
    public InputStream getByteStream() {
      try {
        return Files.newInputStream(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String getSystemId() {
      return file.toUri().toString();
    }

    @Override
    public Reader getCharacterStream() {
      return null;
    }

    @Override
    public void setCharacterStream(Reader characterStream) {}

    @Override
    public void setByteStream(InputStream byteStream) {}

    @Override
    public String getStringData() {
      return null;
    }

    @Override
    public void setStringData(String stringData) {}

    @Override
    public void setSystemId(String systemId) {}

    @Override
    public String getPublicId() {
      return null;
    }

    @Override
    public void setPublicId(String publicId) {}

    @Override
    public String getBaseURI() {
      return null;
    }

    @Override
    public void setBaseURI(String baseUri) {}

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String encoding) {}

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {}
  }
}
