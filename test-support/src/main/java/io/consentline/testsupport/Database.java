package io.consentline.testsupport;

/** Where one PostgreSQL database is, and how to log in to it. */
public record Database(String host, int port, String name, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }
}
