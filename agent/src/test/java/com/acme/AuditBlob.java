package com.acme;

import java.sql.SQLException;

import javax.sql.rowset.serial.SerialBlob;

/**
 * An application class whose super class is a JDK class that nothing has loaded before it:
 * the agent loads {@link SerialBlob} to decide about this class, and must still weave it.
 */
public class AuditBlob extends SerialBlob {
    public AuditBlob(byte[] bytes) throws SQLException {
        super(bytes);
    }

    @Override
    public long length() throws javax.sql.rowset.serial.SerialException {
        return super.length();
    }
}
