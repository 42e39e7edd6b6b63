package io.propertylistings.changes.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * A change to {@code property} that PostgreSQL committed, from any client, as its trigger announced it: one per
 * statement, naming the committing transaction ({@code property_change_transaction()}) and the ids of the rows
 * the statement changed, or every row ({@code TRUNCATE}, or more rows than a notification names).
 */
public record CommittedChange(String transaction, boolean everyRow, List<Long> rows) {

    private static final String EVERY_ROW = "*";

    /** A change of one row, as a write through the service makes it. */
    public static CommittedChange ofRow(String transaction, long row) {
        return new CommittedChange(transaction, false, List.of(row));
    }

    /**
     * The trigger's payload, {@code <transaction> <id>,<id>,...} or {@code <transaction> *}. Anything else is
     * taken as a change of every row: a change that cannot be read must not leave anything stale.
     */
    public static CommittedChange parse(String payload) {
        int space = payload.indexOf(' ');
        String transaction = space < 0 ? payload : payload.substring(0, space);
        String ids = space < 0 ? EVERY_ROW : payload.substring(space + 1);
        if (ids.equals(EVERY_ROW)) {
            return new CommittedChange(transaction, true, List.of());
        }
        List<Long> rows = new ArrayList<>();
        try {
            for (String id : ids.split(",")) {
                rows.add(Long.parseLong(id));
            }
        } catch (NumberFormatException unreadable) {
            return new CommittedChange(transaction, true, List.of());
        }
        return new CommittedChange(transaction, false, List.copyOf(rows));
    }

    /** The change's name as its notification's payload spells it: the same change has the same name. */
    public String name() {
        StringBuilder name = new StringBuilder(transaction).append(' ');
        if (everyRow) {
            return name.append(EVERY_ROW).toString();
        }
        for (int i = 0; i < rows.size(); i++) {
            name.append(i == 0 ? "" : ",").append(rows.get(i));
        }
        return name.toString();
    }
}
