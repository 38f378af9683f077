package io.modelops.orchestrator.evidence;

import java.text.Normalizer;

/**
 * The file name an attachment is stored and downloaded under: the last segment of what the client
 * sent (no directories, so {@code ../../etc/passwd.txt} becomes {@code passwd.txt}), letters,
 * digits, {@code . _ -} and spaces only (anything else becomes {@code _}), no leading dots, at most
 * {@value #MAX_LENGTH} characters with the extension kept.
 */
final class FileNames {

  static final int MAX_LENGTH = 128;

  private FileNames() {}

  static String sanitise(String original) {
    String name = original == null ? "" : original;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    name = Normalizer.normalize(name, Normalizer.Form.NFKC);
    StringBuilder clean = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-'
              || c == ' ';
      clean.append(allowed ? c : '_');
    }
    String result = clean.toString().strip();
    while (result.startsWith(".")) {
      result = result.substring(1);
    }
    result = result.replaceAll("_{2,}", "_");
    if (result.length() > MAX_LENGTH) {
      String extension = MediaTypeSniffer.extension(result);
      int keep = MAX_LENGTH - (extension.isEmpty() ? 0 : extension.length() + 1);
      result =
          result.substring(0, Math.max(1, keep)) + (extension.isEmpty() ? "" : "." + extension);
    }
    return result.isEmpty() || result.startsWith(".") ? "attachment" + result : result;
  }
}
