package io.modelops.orchestrator.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * A JSON factory whose parsers refuse, in every string value and every member name at any depth,
 * the characters {@link TextCharacters} forbids, with a {@link ForbiddenCharacterException} naming
 * where. Checking the tokens (instead of the bound fields) covers every type a request is bound to:
 * records, maps and their keys, lists, trees and untyped values. Each string is scanned once,
 * character by character.
 */
public class CheckedTextJsonFactory extends JsonFactory {

  private static final long serialVersionUID = 1L;

  /** A factory with the settings (features, limits) of {@code source}. */
  public CheckedTextJsonFactory(JsonFactory source) {
    super(source, null);
  }

  private CheckedTextJsonFactory(CheckedTextJsonFactory source, ObjectCodec codec) {
    super(source, codec);
  }

  @Override
  public JsonFactory copy() {
    return new CheckedTextJsonFactory(this, null);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
    return new CheckedTextParser(super._createParser(in, ctxt));
  }

  @Override
  protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
    return new CheckedTextParser(super._createParser(r, ctxt));
  }

  @Override
  protected JsonParser _createParser(
      char[] data, int offset, int len, IOContext ctxt, boolean recyclable) throws IOException {
    return new CheckedTextParser(super._createParser(data, offset, len, ctxt, recyclable));
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt)
      throws IOException {
    return new CheckedTextParser(super._createParser(data, offset, len, ctxt));
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
    return new CheckedTextParser(super._createParser(input, ctxt));
  }

  /**
   * Checks each token as it is read. The convenience methods of {@link JsonParser} ({@code
   * nextFieldName}, {@code nextTextValue}...) read through {@link #nextToken()}; {@link
   * #nextValue()} is rewritten here so that it does too.
   */
  static final class CheckedTextParser extends JsonParserDelegate {

    CheckedTextParser(JsonParser delegate) {
      super(delegate);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = delegate.nextToken();
      if (token == JsonToken.VALUE_STRING) {
        checkValue();
      } else if (token == JsonToken.FIELD_NAME) {
        checkName();
      }
      return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    private void checkValue() throws IOException {
      char[] text = delegate.getTextCharacters();
      int offset = delegate.getTextOffset();
      int bad = TextCharacters.firstForbidden(text, offset, delegate.getTextLength());
      if (bad >= 0) {
        String field = path(delegate.getParsingContext());
        throw new ForbiddenCharacterException(
            this,
            field,
            "Text of '"
                + field
                + "' "
                + TextCharacters.MESSAGE
                + " ("
                + TextCharacters.describe(text[offset + bad], bad)
                + ")");
      }
    }

    private void checkName() throws IOException {
      String name = delegate.currentName();
      int bad = TextCharacters.firstForbidden(name);
      if (bad >= 0) {
        String field = path(delegate.getParsingContext());
        throw new ForbiddenCharacterException(
            this,
            field,
            "The name '"
                + field
                + "' "
                + TextCharacters.MESSAGE
                + " ("
                + TextCharacters.describe(name.charAt(bad), bad)
                + ")");
      }
    }

    /** The path of the current token as {@code a.b[2].c}, names shown with escapes. */
    private static String path(JsonStreamContext context) {
      StringBuilder path = new StringBuilder();
      for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
        String segment;
        if (c.inArray()) {
          segment = "[" + Math.max(c.getCurrentIndex(), 0) + "]";
        } else {
          String current = c.getCurrentName();
          segment = current == null ? "" : TextCharacters.escaped(current, 200);
        }
        if (!path.isEmpty() && path.charAt(0) != '[' && !segment.isEmpty()) {
          path.insert(0, '.');
        }
        path.insert(0, segment);
      }
      return path.isEmpty() ? "(body)" : path.toString();
    }
  }
}
