package cn.shouwang.server.fieldwork.visits;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.fieldwork.FieldScopes;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.PrivateFiles;
import cn.shouwang.server.platform.RefusedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Visits (走访记录) of registered households: stored once per idempotency key, audited, and a risk sign found handed
 * to casework's intake (the same lead rules as every report), whose answer the visit keeps. A photo of a signed form
 * is sealed with the personal-data key under {@code <data-dir>/fieldwork/<village>/<uuid>.sealed} (0600 in 0700
 * folders), written in the visit's transaction and deleted again when it does not commit.
 */
@Component
public class Visits {
    private static final Logger log = LoggerFactory.getLogger(Visits.class);
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** The phone resizes to 1600 px JPEG (a few hundred KB); this refuses what did not go through it. */
    public static final int MAX_PHOTO_BYTES = 5 * 1024 * 1024;

    /** A stored visit as the pages show it. */
    public record Visit(long id, UUID key, long householdId, String villageCode, LocalDate visitedOn, long visitorId,
                        String visitorName, @Nullable String companions, boolean foundAtHome, boolean educationSecured,
                        boolean medicalSecured, boolean housingSecured, boolean waterSecured, String incomeTrend,
                        @Nullable BigDecimal incomeChange, List<String> riskCodes, @Nullable String note,
                        @Nullable String photoKind, @Nullable String photoStoredName, @Nullable String leadOutcome,
                        @Nullable Long leadRef, OffsetDateTime createdAt, @Nullable Long gridId) {
        public boolean hasPhoto() {
            return photoStoredName != null;
        }

        public boolean allSecured() {
            return educationSecured && medicalSecured && housingSecured && waterSecured;
        }

        /** Where the lead the visit opened or joined is shown: the lead, or the monitored household. */
        public @Nullable String leadPath() {
            if (leadOutcome == null || leadRef == null) return null;
            return "JOINED_MONITORED".equals(leadOutcome) ? "/monitored/" + leadRef : "/leads/" + leadRef;
        }
    }

    /** What a POST did: the visit (new, or the one an earlier try with the same key stored) and casework's answer. */
    public record Saved(long visitId, boolean replayed, CaseworkApi.@Nullable IntakeResult intake) {}

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final AuditApi audit;
    private final PersonalDataApi crypto;
    private final MessageSource messages;
    private final Clock clock;
    private final Path root;
    private final cn.shouwang.server.fieldwork.sweeps.Sweeps sweeps;

    Visits(JdbcClient jdbc, HouseholdApi households, CaseworkApi casework, AuditApi audit, PersonalDataApi crypto,
           MessageSource messages, Clock clock, @Value("${shouwang.data-dir}") String dataDir,
           cn.shouwang.server.fieldwork.sweeps.Sweeps sweeps) {
        this.sweeps = sweeps;
        this.jdbc = jdbc;
        this.households = households;
        this.casework = casework;
        this.audit = audit;
        this.crypto = crypto;
        this.messages = messages;
        this.clock = clock;
        this.root = Path.of(dataDir).toAbsolutePath().resolve("fieldwork");
    }

    /** Where a village's photos are (for tests and operations). */
    public Path directory(String villageCode) {
        return root.resolve(villageCode);
    }

    private static final String SELECT = "select * from field_visit";

    private static Visit row(ResultSet rs, int i) throws SQLException {
        Array risks = rs.getArray("risk_codes");
        BigDecimal change = rs.getBigDecimal("income_change");
        long lead = rs.getLong("lead_ref");
        boolean noLead = rs.wasNull();
        return new Visit(rs.getLong("id"), rs.getObject("idempotency_key", UUID.class), rs.getLong("household_id"),
                rs.getString("village_code"), rs.getObject("visited_on", LocalDate.class), rs.getLong("visitor_id"),
                rs.getString("visitor_name"), rs.getString("companions"), rs.getBoolean("found_at_home"),
                rs.getBoolean("education_secured"), rs.getBoolean("medical_secured"), rs.getBoolean("housing_secured"),
                rs.getBoolean("water_secured"), rs.getString("income_trend"), change,
                risks == null ? List.of() : List.of((String[]) risks.getArray()), rs.getString("note"),
                rs.getString("photo_kind"), rs.getString("photo_stored_name"), rs.getString("lead_outcome"),
                noLead ? null : lead, rs.getObject("created_at", OffsetDateTime.class), rs.getObject("grid_id", Long.class));
    }

    /** The household's latest visits inside the scope, newest first. */
    public List<Visit> ofHousehold(long householdId, AreaScope scope, int limit) {
        FieldScopes s = FieldScopes.of(scope);
        return jdbc.sql(SELECT + " where household_id = :h and village_code between :lo and :hi"
                        + " order by visited_on desc, id desc limit :n")
                .param("h", householdId).param("lo", s.lo()).param("hi", s.hi()).param("n", limit)
                .query(Visits::row).list();
    }

    public Optional<Visit> find(long id, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        return jdbc.sql(SELECT + " where id = :id and village_code between :lo and :hi")
                .param("id", id).param("lo", s.lo()).param("hi", s.hi()).query(Visits::row).optional();
    }

    /** Each household's last visit day inside the scope (one grouped range scan). */
    public Map<Long, LocalDate> lastVisits(AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        Map<Long, LocalDate> out = new HashMap<>();
        jdbc.sql("select household_id, max(visited_on) from field_visit where village_code between :lo and :hi group by household_id")
                .param("lo", s.lo()).param("hi", s.hi())
                .query((RowCallbackHandler) rs -> out.put(rs.getLong(1), rs.getObject(2, LocalDate.class)));
        return out;
    }

    /** Each household's last visit inside the scope, whole (what the offline form prefills from; one range scan). */
    public Map<Long, Visit> lastVisitDetails(AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        Map<Long, Visit> out = new HashMap<>();
        jdbc.sql("select distinct on (household_id) * from field_visit where village_code between :lo and :hi"
                        + " order by household_id, visited_on desc, id desc")
                .param("lo", s.lo()).param("hi", s.hi())
                .query(Visits::row).list().forEach(v -> out.put(v.householdId(), v));
        return out;
    }

    /**
     * The visit a try with this key stored (the offline queue asks before checking for conflicts: a retry of a
     * visit already stored is answered as stored, whatever changed since); refused when the key was used for another
     * household or by someone else.
     */
    public Optional<Long> storedWithKey(UUID key, long householdId, CurrentUser me) {
        return sameKey(key, householdId, me);
    }

    /** Visits per village inside the scope since a day (the village page's figures). */
    public long countSince(String villageCode, LocalDate since, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        return jdbc.sql("""
                select count(*) from field_visit where village_code = :v and village_code between :lo and :hi
                   and visited_on >= :since""")
                .param("v", villageCode).param("lo", s.lo()).param("hi", s.hi()).param("since", since)
                .query(Long.class).single();
    }

    /**
     * Stores a visit of a household inside {@code me}'s scope (else 404), once per idempotency key: a retry with a
     * key already stored for the same household and visitor answers that visit and changes nothing. Risk signs go to
     * casework's intake; the visit keeps what it did.
     */
    @Transactional
    public Saved record(long householdId, VisitCmd cmd, byte @Nullable [] photo, CurrentUser me) throws IOException {
        HouseholdApi.Ref h = households.ref(householdId, me.scope())
                .orElseThrow(() -> new OutOfScopeException("household"));
        UUID key = UUID.fromString(cmd.idempotencyKey());
        Optional<Long> earlier = sameKey(key, householdId, me);
        if (earlier.isPresent()) return new Saved(earlier.get(), true, null);
        LocalDate today = LocalDate.now(clock);
        if (cmd.visitedOn().isAfter(today)) throw new RefusedInputException("visitedOn", "fieldwork.visit.error.future");
        if (cmd.visitedOn().isBefore(today.minusYears(1))) {
            throw new RefusedInputException("visitedOn", "fieldwork.visit.error.tooOld");
        }
        Map<String, CaseworkApi.RiskOption> active = riskOptions(h.villageCode());
        for (String r : cmd.risks()) {
            if (!active.containsKey(r)) throw new RefusedInputException("risks", "fieldwork.visit.error.risk");
        }
        String kind = photo == null ? null : photoKind(photo);
        Optional<Long> inserted = jdbc.sql("""
                insert into field_visit (idempotency_key, household_id, village_code, visited_on, visitor_id, visitor_name,
                       companions, found_at_home, education_secured, medical_secured, housing_secured, water_secured,
                       income_trend, income_change, risk_codes, note, grid_id)
                values (:key, :h, :v, :on, :by, :byName, :comp, :home, :edu, :med, :house, :water, :trend, :change,
                        :risks, :note, (select grid_id from field_household_place where household_id = :h and village_code = :v))
                on conflict (idempotency_key) do nothing returning id""")
                .param("key", key).param("h", householdId).param("v", h.villageCode()).param("on", cmd.visitedOn())
                .param("by", me.accountId()).param("byName", me.displayName()).param("comp", blankToNull(cmd.companions()))
                .param("home", cmd.foundAtHome()).param("edu", cmd.educationSecured()).param("med", cmd.medicalSecured())
                .param("house", cmd.housingSecured()).param("water", cmd.waterSecured())
                .param("trend", cmd.incomeTrend())
                .param("change", "NONE".equals(cmd.incomeTrend()) ? null : cmd.incomeChange())
                .param("risks", cmd.risks().toArray(String[]::new)).param("note", blankToNull(cmd.note()))
                .query(Long.class).optional();
        if (inserted.isEmpty()) {
            // a concurrent try with the same key committed first (the insert waited for it)
            return new Saved(sameKey(key, householdId, me).orElseThrow(), true, null);
        }
        long id = inserted.get();
        sweeps.tag(id); // an open sweep covering the household and the day counts this visit
        if (photo != null) storePhoto(id, h.villageCode(), photo, kind);
        CaseworkApi.IntakeResult intake = null;
        if (!cmd.risks().isEmpty()) {
            intake = casework.intakeFromVisit(householdId, leadDescription(cmd, active), cmd.risks(), "visit:" + id);
            jdbc.sql("update field_visit set lead_outcome = :o, lead_ref = :r where id = :id")
                    .param("o", intake.outcome().name()).param("r", intake.id()).param("id", id).update();
        }
        audit.record(AuditAction.FIELD_VISIT_RECORD, householdId, null, h.villageCode(), List.of(),
                "visit " + id + (cmd.foundAtHome() ? " home" : " away") + (cmd.risks().isEmpty() ? ""
                        : " risks " + String.join(",", cmd.risks()) + " -> " + intake.outcome() + " " + intake.id())
                        + (photo == null ? "" : " photo"));
        return new Saved(id, false, intake);
    }

    /** The visit an earlier try with this key stored; refused when the key was used for another household or by someone else. */
    private Optional<Long> sameKey(UUID key, long householdId, CurrentUser me) {
        record Owner(long id, long household, long visitor) {}
        Optional<Owner> o = jdbc.sql("select id, household_id, visitor_id from field_visit where idempotency_key = :k")
                .param("k", key).query((rs, i) -> new Owner(rs.getLong(1), rs.getLong(2), rs.getLong(3))).optional();
        if (o.isEmpty()) return Optional.empty();
        if (o.get().household() != householdId || o.get().visitor() != me.accountId()) {
            throw new RefusedInputException("idempotencyKey", "fieldwork.visit.error.key");
        }
        return Optional.of(o.get().id());
    }

    /** The risk types a visit may name now, by code, in the list's order. */
    public Map<String, CaseworkApi.RiskOption> riskOptions(String villageCode) {
        return casework.activeRiskTypes(villageCode).stream().collect(Collectors.toMap(CaseworkApi.RiskOption::code,
                r -> r, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** The lead's description, in the deployment's language (stored text): the day, the signs and the note. */
    private String leadDescription(VisitCmd cmd, Map<String, CaseworkApi.RiskOption> active) {
        String signs = cmd.risks().stream().map(r -> active.get(r).nameZh()).collect(Collectors.joining("、"));
        String note = cmd.note() == null || cmd.note().isBlank() ? "" : cmd.note().strip();
        return messages.getMessage("fieldwork.visit.leadDescription", new Object[] {cmd.visitedOn().toString(), signs, note},
                Locale.SIMPLIFIED_CHINESE).strip();
    }

    /** JPEG or PNG by its first bytes, never by its name; anything else, empty or too large is refused. */
    static String photoKind(byte[] photo) {
        if (photo.length == 0) throw new RefusedInputException("photo", "fieldwork.visit.error.photoEmpty");
        if (photo.length > MAX_PHOTO_BYTES) throw new RefusedInputException("photo", "fieldwork.visit.error.photoLarge");
        if (startsWith(photo, JPEG)) return "JPEG";
        if (startsWith(photo, PNG)) return "PNG";
        throw new RefusedInputException("photo", "fieldwork.visit.error.photoType");
    }

    private static boolean startsWith(byte[] b, byte[] magic) {
        if (b.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (b[i] != magic[i]) return false;
        return true;
    }

    private void storePhoto(long visitId, String villageCode, byte[] photo, String kind) throws IOException {
        String stored = UUID.randomUUID() + ".sealed";
        Path dir = directory(villageCode);
        Path part = dir.resolve(stored + ".part");
        Path file = dir.resolve(stored);
        // registered before anything is on disk: a transaction that does not commit leaves no file behind
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    deleteQuietly(part);
                    deleteQuietly(file);
                }
            }
        });
        PrivateFiles.createDirectories(dir);
        try (OutputStream out = crypto.sealing(PrivateFiles.newOutputStream(part))) {
            out.write(photo);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        jdbc.sql("""
                update field_visit set photo_stored_name = :s, photo_kind = :k, photo_size_bytes = :n, photo_sha256 = :sha
                 where id = :id""")
                .param("s", stored).param("k", kind).param("n", (long) photo.length).param("sha", sha256(photo))
                .param("id", visitId).update();
    }

    /** Writes the visit's photo to {@code out} (the caller checked the scope), audited. */
    public void openPhoto(Visit v, OutputStream out) throws IOException {
        if (!v.hasPhoto()) throw new OutOfScopeException("no photo");
        audit.record(AuditAction.FIELD_VISIT_PHOTO_VIEW, v.householdId(), null, v.villageCode(), List.of(),
                "visit " + v.id());
        try (InputStream in = crypto.opening(Files.newInputStream(directory(v.villageCode()).resolve(v.photoStoredName())))) {
            in.transferTo(out);
        }
    }

    /** At start: what a killed server left half written. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void sweepParts() throws IOException {
        if (!Files.isDirectory(root)) return;
        try (java.util.stream.Stream<Path> s = Files.walk(root, 2)) {
            s.filter(p -> p.getFileName().toString().endsWith(".part")).forEach(Visits::deleteQuietly);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", p.getFileName(), e.toString());
        }
    }
}
