package dev.cairn.core;

/** The version of this Cairn build. */
public final class Version {
    public static final String CURRENT = readVersion();

    private Version() {
    }

    private static String readVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
