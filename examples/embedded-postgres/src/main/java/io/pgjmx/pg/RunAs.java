package io.pgjmx.pg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How to run the PostgreSQL binaries: directly, or, when this JVM is root (which PostgreSQL refuses), as
 * {@code nobody}; and, where {@code setpriv} exists, so that the server dies with the JVM.
 */
record RunAs(List<String> prefix, List<String> pdeathPrefix, Optional<String> shellUser,
                     UserPrincipal owner, GroupPrincipal group) {

  static RunAs detect() throws IOException {
    Optional<Path> setpriv = which("setpriv");
    if (!isRoot()) {
      List<String> p = setpriv.map(s -> List.of(s.toString(), "--pdeathsig", "QUIT", "--")).orElse(List.of());
      return new RunAs(List.of(), p, Optional.empty(), null, null);
    }
    String uid = output("id", "-u", UNPRIVILEGED_USER);
    String gid = output("id", "-g", UNPRIVILEGED_USER);
    String groupName = output("id", "-gn", UNPRIVILEGED_USER);
    var lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
    UserPrincipal owner = lookup.lookupPrincipalByName(UNPRIVILEGED_USER);
    GroupPrincipal group = lookup.lookupPrincipalByGroupName(groupName);
    // setpriv execs the target in place, so our Process *is* postgres: signals and the
    // parent-death signal reach it. runuser/su stay around as a parent and forward less.
    if (setpriv.isPresent()) {
      List<String> p = List.of(setpriv.get().toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
      List<String> pd = new ArrayList<>(p);
      pd.addAll(List.of("--pdeathsig", "QUIT"));
      return new RunAs(withDashes(p), withDashes(pd), Optional.empty(), owner, group);
    }
    Optional<Path> runuser = which("runuser");
    if (runuser.isPresent()) {
      List<String> p = List.of(runuser.get().toString(), "-u", UNPRIVILEGED_USER, "--");
      return new RunAs(p, p, Optional.empty(), owner, group);
    }
    return new RunAs(List.of(), List.of(), Optional.of(UNPRIVILEGED_USER), owner, group);
  }

  private static List<String> withDashes(List<String> p) {
    List<String> l = new ArrayList<>(p);
    l.add("--");
    return l;
  }

  List<String> command(boolean dieWithJvm, String... cmd) {
    if (shellUser.isPresent()) {
      StringBuilder sh = new StringBuilder("exec");
      for (String a : cmd) {
        sh.append(" '").append(a.replace("'", "'\\''")).append('\'');
      }
      return List.of("su", "-s", "/bin/sh", shellUser.get(), "-c", sh.toString());
    }
    List<String> l = new ArrayList<>(dieWithJvm ? pdeathPrefix : prefix);
    l.addAll(Arrays.asList(cmd));
    return l;
  }

  void chown(Path p) throws IOException {
    if (owner != null) {
      PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
      v.setOwner(owner);
      v.setGroup(group);
    }
  }

  void checkTraversable(Path dir) throws IOException {
    if (owner == null) {
      return;
    }
    for (Path p = dir; p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IOException("PostgreSQL runs as '" + UNPRIVILEGED_USER + "' because this process is root, "
            + "but " + p + " is not accessible to other users; choose a base directory elsewhere "
            + "(e.g. under /tmp) or chmod o+x " + p);
      }
    }
  }

  private static final String UNPRIVILEGED_USER = "nobody";


  private static boolean isRoot() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    } catch (LinkageError e) {
      try {
        return "0".equals(output("id", "-u"));
      } catch (IOException io) {
        return false;
      }
    }
  }

  private static Optional<Path> which(String name) {
    List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
        .filter(Files::isExecutable).findFirst();
  }

  private static String output(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (InputStream in = p.getInputStream()) {
      String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
