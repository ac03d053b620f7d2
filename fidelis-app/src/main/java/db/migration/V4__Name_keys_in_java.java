package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Recomputes {@code customer.name_key} of the customers stored before version 3 the way the application computes
 * it (Java's lower case by the root locale). V3 filled it with SQL {@code lower()}, which differs from Java's for
 * some letters and, on PostgreSQL, with the database's collation; the name search and the name order compare the
 * stored key with keys computed in Java, so the two must agree.
 */
public class V4__Name_keys_in_java extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (PreparedStatement read = c.prepareStatement("select id, name, name_key from customer"
                + " where name is not null");
             PreparedStatement write = c.prepareStatement("update customer set name_key = ? where id = ?")) {
            read.setFetchSize(1000);
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(2).toLowerCase(Locale.ROOT);
                    if (!key.equals(rs.getString(3))) {
                        write.setString(1, key);
                        write.setLong(2, rs.getLong(1));
                        write.addBatch();
                        if (++pending == 1000) {
                            write.executeBatch();
                            pending = 0;
                        }
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }
}
