package cn.shouwang.screening.feed;

import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each column of a file kind sits in its header row. Column order is free, unknown columns are ignored,
 * English names match case-insensitively, Chinese names as listed in {@link Column}.
 */
public final class HeaderMap implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Every column feeds.md names for a kind (required or not), in feeds.md order. */
    private static final Map<FeedKind, List<Column>> CONTRACT = new EnumMap<>(FeedKind.class);
    static {
        CONTRACT.put(FeedKind.HOUSEHOLDS, List.of(Column.HOUSEHOLD_ID, Column.AREA_CODE, Column.HEAD_ID_NUMBER, Column.FORMERLY_POOR));
        CONTRACT.put(FeedKind.MEMBERS, List.of(Column.HOUSEHOLD_ID, Column.ID_NUMBER, Column.NAME, Column.RELATION, Column.LABOUR_CAPACITY, Column.STATUS));
        CONTRACT.put(FeedKind.INCOMES, List.of(Column.HOUSEHOLD_ID, Column.YEAR, Column.WAGES, Column.BUSINESS, Column.PROPERTY, Column.TRANSFERS, Column.PRODUCTION_COSTS, Column.ELIGIBLE_OUT_OF_POCKET));
        CONTRACT.put(FeedKind.MONITORED, List.of(Column.HOUSEHOLD_ID, Column.CATEGORY, Column.RISK_TYPES, Column.IDENTIFIED_MONTH, Column.STATUS));
        CONTRACT.put(FeedKind.MEDICAL_CLAIMS, List.of(Column.ID_NUMBER, Column.SETTLED_ON, Column.TOTAL_COST, Column.INSURANCE_PAID, Column.OUT_OF_POCKET));
        CONTRACT.put(FeedKind.MAJOR_DIAGNOSES, List.of(Column.ID_NUMBER, Column.DIAGNOSED_ON, Column.DISEASE));
        CONTRACT.put(FeedKind.INSURANCE_ENROLLMENT, List.of(Column.ID_NUMBER, Column.YEAR));
        CONTRACT.put(FeedKind.HOUSING_APPRAISALS, List.of(Column.ID_NUMBER, Column.APPRAISED_ON, Column.GRADE));
        CONTRACT.put(FeedKind.SCHOOL_ENROLLMENT, List.of(Column.ID_NUMBER, Column.STAGE, Column.STATUS, Column.REPORTED_ON));
        CONTRACT.put(FeedKind.SCHOOL_COSTS, List.of(Column.ID_NUMBER, Column.SCHOOL_YEAR, Column.STAGE, Column.OUT_OF_POCKET));
        CONTRACT.put(FeedKind.DISABILITY_CERTIFICATES, List.of(Column.ID_NUMBER, Column.GRADE, Column.KIND, Column.ISSUED_ON));
        CONTRACT.put(FeedKind.CIVIL_REGISTRY_EVENTS, List.of(Column.ID_NUMBER, Column.EVENT, Column.EVENT_ON));
        CONTRACT.put(FeedKind.ACCIDENTS, List.of(Column.ID_NUMBER, Column.OCCURRED_ON, Column.OUTCOME, Column.SOURCE));
        CONTRACT.put(FeedKind.DISASTER_LOSSES, List.of(Column.ID_NUMBER, Column.OCCURRED_ON, Column.DISASTER, Column.LOSS));
        CONTRACT.put(FeedKind.EMPLOYMENT_STATUS, List.of(Column.ID_NUMBER, Column.MONTH, Column.STATUS, Column.WAGE));
        CONTRACT.put(FeedKind.WATER_SUPPLY, List.of(Column.AREA_CODE, Column.STATUS, Column.CHECKED_ON, Column.NOTE));
        CONTRACT.put(FeedKind.ENTERPRISE_PAYMENTS, List.of(Column.ENTERPRISE, Column.ID_NUMBER, Column.MONTH, Column.DUE, Column.PAID));
        CONTRACT.put(FeedKind.SOCIAL_ASSISTANCE, List.of(Column.ID_NUMBER, Column.KIND, Column.STARTED_ON, Column.AMOUNT));
        CONTRACT.put(FeedKind.VEHICLE_REGISTRATIONS, List.of(Column.ID_NUMBER, Column.PLATE_NUMBER, Column.VEHICLE_TYPE, Column.REGISTERED_ON, Column.STATUS, Column.VALUE));
        CONTRACT.put(FeedKind.PROPERTY_REGISTRATIONS, List.of(Column.ID_NUMBER, Column.CERTIFICATE_NO, Column.PROPERTY_TYPE, Column.REGISTERED_ON, Column.STATUS, Column.VALUE));
        CONTRACT.put(FeedKind.MARKET_ENTITIES, List.of(Column.ID_NUMBER, Column.ENTITY_NAME, Column.ENTITY_TYPE, Column.REGISTERED_ON, Column.STATUS, Column.REGISTERED_CAPITAL));
    }

    private final FeedKind kind;
    private final int[] index; // by Column.ordinal(), -1 when absent

    private HeaderMap(FeedKind kind, int[] index) {
        this.kind = kind;
        this.index = index;
    }

    /** The columns feeds.md names for this kind. */
    public static List<Column> contractColumns(FeedKind kind) { return CONTRACT.get(kind); }

    /**
     * Maps a header row. Throws {@link MissingColumnsException} naming the required columns that are absent.
     */
    public static HeaderMap of(FeedKind kind, List<String> header) {
        int[] index = new int[Column.values().length];
        Arrays.fill(index, -1);
        List<Column> wanted = CONTRACT.get(kind);
        for (int i = 0; i < header.size(); i++) {
            String h = normalize(header.get(i));
            if (h.isEmpty()) continue;
            for (Column c : wanted) {
                if (index[c.ordinal()] >= 0) continue;
                if (h.equals(c.english()) || c.chinese().contains(h)) {
                    index[c.ordinal()] = i;
                    break;
                }
            }
        }
        StringBuilder missing = new StringBuilder();
        for (Column c : kind.requiredColumns()) {
            if (index[c.ordinal()] < 0) {
                if (!missing.isEmpty()) missing.append(", ");
                missing.append(c.english());
            }
        }
        if (!missing.isEmpty()) throw new MissingColumnsException(kind, missing.toString());
        return new HeaderMap(kind, index);
    }

    private static String normalize(String h) {
        if (h == null) return "";
        String t = h.strip();
        if (!t.isEmpty() && t.charAt(0) == '\uFEFF') t = t.substring(1).strip();
        return t.replace(" ", "").replace("\u3000", "").toLowerCase(Locale.ROOT);
    }

    public FeedKind kind() { return kind; }

    /** The field index of a column, or -1. */
    public int indexOf(Column c) { return index[c.ordinal()]; }

    public boolean has(Column c) { return index[c.ordinal()] >= 0; }

    /** A header without the required columns: the whole file cannot be compared. */
    public static final class MissingColumnsException extends RuntimeException {
        private final FeedKind kind;
        private final String columns;

        MissingColumnsException(FeedKind kind, String columns) {
            super("missing column(s): " + columns);
            this.kind = kind;
            this.columns = columns;
        }

        public FeedKind kind() { return kind; }

        /** Comma-separated English names of the missing columns. */
        public String columns() { return columns; }
    }
}
