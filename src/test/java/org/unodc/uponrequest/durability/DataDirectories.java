package org.unodc.uponrequest.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The data directories the benchmarks give the product's JVMs. */
public final class DataDirectories {

  private DataDirectories() {}

  /** Removes a directory and all it holds (an H2 file can be several GB); nothing if it is not there. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
