package io.llmwatch.connect;

/** The version Connect shows for the plugin: the jar's, or a development marker when run from classes. */
final class ConnectorVersion {

    private ConnectorVersion() {
    }

    static String get() {
        String version = ConnectorVersion.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
