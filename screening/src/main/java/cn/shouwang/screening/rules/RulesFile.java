package cn.shouwang.screening.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a rules file (YAML; JSON is YAML too). Every key is optional and falls back to feeds.md; an unknown key,
 * a wrong type or an impossible value is refused with a {@link RulesFileException} naming the field.
 * See screening/rules-example.yaml for the full, commented form.
 */
public final class RulesFile {
    private RulesFile() {}

    public static final class RulesFileException extends Exception {
        public RulesFileException(String message) { super(message); }
    }

    private static final Map<Rule, Set<String>> KEYS = new HashMap<>();
    static {
        for (Rule r : Rule.values()) KEYS.put(r, new LinkedHashSet<>(List.of("enabled")));
        KEYS.get(Rule.MEDICAL_PERSON).addAll(List.of("threshold_priority", "threshold_other"));
        KEYS.get(Rule.MEDICAL_HOUSEHOLD).add("share_of_net_income");
        KEYS.get(Rule.UNSAFE_HOUSE).add("grades");
        KEYS.get(Rule.DROPOUT).addAll(List.of("min_age", "max_age"));
        KEYS.get(Rule.SCHOOL_COST).addAll(List.of("threshold", "stages"));
        KEYS.get(Rule.NEW_DISABILITY).add("grades");
        KEYS.get(Rule.DEATH_OF_WORKER).addAll(List.of("min_age", "max_age"));
        KEYS.get(Rule.DISASTER_LOSS).addAll(List.of("threshold", "share_of_net_income"));
        KEYS.get(Rule.JOB_LOSS).add("wage_share");
        KEYS.get(Rule.NEW_ASSISTANCE).add("kinds");
        KEYS.get(Rule.INCOME_BELOW_LINE).add("monitoring_line");
        for (Rule r : List.of(Rule.VEHICLE_ASSET, Rule.PROPERTY_ASSET, Rule.MARKET_ENTITY_ASSET)) {
            KEYS.get(r).addAll(List.of("limit", "types"));
        }
    }

    public static RulesConfig load(Path file) throws RulesFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulesFileException("cannot read rules file " + file + ": " + e.getMessage());
        }
        return parse(text);
    }

    public static RulesConfig parse(String text) throws RulesFileException {
        Object root;
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(opts)).load(text);
        } catch (YAMLException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
            throw new RulesFileException("rules file is not valid YAML/JSON: " + m);
        }
        refuseCycles(root, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()),
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        RulesConfig d = RulesConfig.defaults();
        if (root == null) return d;
        if (!(root instanceof Map<?, ?> top)) throw new RulesFileException("rules file: the top level must be a mapping of rule names");
        EnumSet<Rule> enabled = EnumSet.copyOf(d.enabled());
        long mpPriority = d.medicalPersonPriorityThreshold(), mpOther = d.medicalPersonOtherThreshold();
        Share mhShare = d.medicalHouseholdShare();
        Set<String> houseGrades = d.unsafeHouseGrades();
        int dropMin = d.dropoutMinAge(), dropMax = d.dropoutMaxAge();
        long schoolThreshold = d.schoolCostThreshold();
        Set<String> stages = d.schoolCostStages();
        Set<String> disGrades = d.disabilityGrades();
        int deathMin = d.deathMinAge(), deathMax = d.deathMaxAge();
        long disasterThreshold = d.disasterLossThreshold();
        Share disasterShare = d.disasterLossShare();
        Share jobShare = d.jobLossWageShare();
        Set<String> kinds = d.assistanceKinds();
        long lineDefault = d.incomeLineDefault();
        Map<Integer, Long> lines = new HashMap<>(d.incomeLineByYear());
        AssetLimits a = d.assets();
        long vehicleLimit = a.vehicleLimit(), propertyLimit = a.propertyLimit(), entityLimit = a.marketEntityLimit();
        Set<String> vehicleTypes = a.vehicleTypes(), propertyTypes = a.propertyTypes(), entityTypes = a.marketEntityTypes();

        for (Map.Entry<?, ?> e : top.entrySet()) {
            String key = String.valueOf(e.getKey());
            Rule rule;
            try {
                rule = Rule.valueOf(key.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new RulesFileException("rules file: unknown rule '" + key + "' (known: " + knownRules() + ")");
            }
            if (e.getValue() == null) continue;
            if (!(e.getValue() instanceof Map<?, ?> settings)) {
                throw new RulesFileException("rules file: " + rule.key() + " must be a mapping (e.g. enabled: true)");
            }
            for (Map.Entry<?, ?> s : settings.entrySet()) {
                String name = String.valueOf(s.getKey());
                String field = rule.key() + "." + name;
                Object v = s.getValue();
                if (!KEYS.get(rule).contains(name)) {
                    throw new RulesFileException("rules file: unknown field " + field + " (allowed: " + String.join(", ", KEYS.get(rule)) + ")");
                }
                switch (name) {
                    case "enabled" -> {
                        if (!(v instanceof Boolean b)) throw new RulesFileException("rules file: " + field + " must be true or false");
                        if (b) enabled.add(rule); else enabled.remove(rule);
                    }
                    case "threshold_priority" -> mpPriority = yuan(field, v);
                    case "threshold_other" -> mpOther = yuan(field, v);
                    case "threshold" -> {
                        if (rule == Rule.SCHOOL_COST) schoolThreshold = yuan(field, v); else disasterThreshold = yuan(field, v);
                    }
                    case "share_of_net_income" -> {
                        if (rule == Rule.MEDICAL_HOUSEHOLD) mhShare = share(field, v); else disasterShare = share(field, v);
                    }
                    case "wage_share" -> jobShare = share(field, v);
                    case "grades" -> {
                        if (rule == Rule.UNSAFE_HOUSE) houseGrades = codes(field, v, Set.of("A", "B", "C", "D"));
                        else disGrades = codes(field, v, Set.of("1", "2", "3", "4"));
                    }
                    case "stages" -> stages = codes(field, v, null);
                    case "limit" -> {
                        long l = yuan(field, v);
                        if (rule == Rule.VEHICLE_ASSET) vehicleLimit = l;
                        else if (rule == Rule.PROPERTY_ASSET) propertyLimit = l;
                        else entityLimit = l;
                    }
                    case "types" -> {
                        if (rule == Rule.VEHICLE_ASSET) vehicleTypes = codes(field, v, null);
                        else if (rule == Rule.PROPERTY_ASSET) propertyTypes = codes(field, v, null);
                        else entityTypes = codes(field, v, null);
                    }
                    case "kinds" -> kinds = codes(field, v, null);
                    case "min_age" -> {
                        if (rule == Rule.DROPOUT) dropMin = age(field, v); else deathMin = age(field, v);
                    }
                    case "max_age" -> {
                        if (rule == Rule.DROPOUT) dropMax = age(field, v); else deathMax = age(field, v);
                    }
                    case "monitoring_line" -> {
                        if (!(v instanceof Map<?, ?> byYear)) {
                            lineDefault = yuan(field, v);
                        } else {
                            for (Map.Entry<?, ?> y : byYear.entrySet()) {
                                String yk = String.valueOf(y.getKey());
                                String yf = field + "." + yk;
                                if (yk.equals("default")) {
                                    lineDefault = yuan(yf, y.getValue());
                                } else if (yk.matches("\\d{4}")) {
                                    lines.put(Integer.parseInt(yk), yuan(yf, y.getValue()));
                                } else {
                                    throw new RulesFileException("rules file: " + yf + ": keys of monitoring_line are 'default' or a year like 2024");
                                }
                            }
                        }
                    }
                    default -> throw new IllegalStateException(field);
                }
            }
        }
        if (dropMin > dropMax) throw new RulesFileException("rules file: dropout.min_age must not exceed dropout.max_age");
        if (deathMin > deathMax) throw new RulesFileException("rules file: death_of_worker.min_age must not exceed death_of_worker.max_age");
        return new RulesConfig(enabled, mpPriority, mpOther, mhShare, houseGrades, dropMin, dropMax, schoolThreshold,
                stages, disGrades, deathMin, deathMax, disasterThreshold, disasterShare, jobShare, kinds, lineDefault, lines,
                new AssetLimits(vehicleLimit, vehicleTypes, propertyLimit, propertyTypes, entityLimit, entityTypes));
    }

    /**
     * A YAML alias can put a mapping or list inside itself ({@code stages: &a [x: *a]}); its text is endless and
     * printing it in a message overflowed the stack (found by RulesFileFuzzTest): refused. A node reached twice
     * without a cycle (an alias used twice) is looked at once.
     */
    private static void refuseCycles(Object node, Set<Object> path, Set<Object> done) throws RulesFileException {
        if (!(node instanceof Map<?, ?> || node instanceof List<?>) || done.contains(node)) return;
        if (!path.add(node)) throw new RulesFileException("rules file: an alias (*name) refers to the mapping or list it is in");
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                refuseCycles(e.getKey(), path, done);
                refuseCycles(e.getValue(), path, done);
            }
        } else {
            for (Object o : (List<?>) node) refuseCycles(o, path, done);
        }
        path.remove(node);
        done.add(node);
    }

    private static String knownRules() {
        List<String> k = new ArrayList<>();
        for (Rule r : Rule.values()) k.add(r.key());
        return String.join(", ", k);
    }

    private static BigDecimal decimal(String field, Object v, String what) throws RulesFileException {
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger || v instanceof Double
                || v instanceof String) {
            try {
                return new BigDecimal(String.valueOf(v).strip());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new RulesFileException("rules file: " + field + " must be " + what + ", got '" + v + "'");
    }

    private static long yuan(String field, Object v) throws RulesFileException {
        BigDecimal d = decimal(field, v, "an amount in yuan (e.g. 5000 or 5000.50)");
        if (d.signum() < 0 || d.stripTrailingZeros().scale() > 2 || d.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
            throw new RulesFileException("rules file: " + field + " must be a non-negative amount in yuan with at most two decimals, got '" + v + "'");
        }
        return d.movePointRight(2).longValueExact();
    }

    private static Share share(String field, Object v) throws RulesFileException {
        BigDecimal d = decimal(field, v, "a fraction between 0 and 1 (e.g. 0.5)");
        if (d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0 || d.stripTrailingZeros().scale() > 4) {
            throw new RulesFileException("rules file: " + field + " must be a fraction between 0 and 1 with at most four decimals (e.g. 0.5), got '" + v + "'");
        }
        return Share.of(d);
    }

    private static int age(String field, Object v) throws RulesFileException {
        if (v instanceof Integer i && i >= 0 && i <= 150) return i;
        throw new RulesFileException("rules file: " + field + " must be a whole number of years (0-150), got '" + v + "'");
    }

    private static Set<String> codes(String field, Object v, Set<String> allowed) throws RulesFileException {
        if (!(v instanceof List<?> list)) throw new RulesFileException("rules file: " + field + " must be a list, e.g. [A, B]");
        Set<String> out = new LinkedHashSet<>();
        for (Object o : list) {
            String c = String.valueOf(o).strip().toUpperCase(Locale.ROOT);
            if (c.isEmpty() || (allowed != null && !allowed.contains(c))) {
                throw new RulesFileException("rules file: " + field + " holds '" + o + "'" + (allowed == null ? "" : " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
            }
            out.add(c);
        }
        return out;
    }

}
