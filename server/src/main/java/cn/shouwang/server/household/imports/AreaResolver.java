package cn.shouwang.server.household.imports;

import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds a row's village by the names the file gives (县, 乡镇, 行政村), among the villages of the importing account's
 * area only: a village outside it is not found, so a row there is a row problem. Names match with and without their
 * suffixes (四平市梨树县 / 梨树县; 团山子村 / 团山子村委会 / 团山子村村民委员会); a name that matches none, or two, is a
 * problem, never a guess. Built once per import from {@link AreaApi} (a province has some 10,000 villages).
 */
final class AreaResolver {
    /** The answer: a village code, or why none. */
    record Found(@Nullable String villageCode, @Nullable String problem, List<String> candidates) {}

    private final Map<String, List<String>> byFull = new HashMap<>();      // county|township|village → codes
    private final Map<String, List<String>> byTownship = new HashMap<>();  // township|village → codes
    private final Map<String, List<String>> byVillage = new HashMap<>();   // village → codes
    private final Map<String, String> names = new HashMap<>();             // code → "乡镇 村" as the page shows it
    private final Map<String, String> countyOf = new HashMap<>();          // code → the county's core name
    final int editionId;

    AreaResolver(AreaApi areas, String scopePrefix) {
        editionId = areas.currentEdition().orElseThrow(() -> new IllegalStateException("no area edition")).id();
        List<AreaInfo> villages = areas.villages(editionId, scopePrefix, 1_000_000);
        Set<String> parents = new HashSet<>();
        for (AreaInfo v : villages) {
            if (v.parentCode() != null) parents.add(v.parentCode());
            parents.add(v.code().substring(0, 6) + "000000");
        }
        Map<String, String> parentNames = areas.names(editionId, parents);
        for (AreaInfo v : villages) {
            String town = core(parentNames.getOrDefault(v.parentCode(), ""), Level.TOWNSHIP);
            String county = core(parentNames.getOrDefault(v.code().substring(0, 6) + "000000", ""), Level.COUNTY);
            // by the short form first (团山子村 and 团山子社区 stay apart), by the bare stem only when that finds nothing
            for (String village : new java.util.LinkedHashSet<>(List.of(shortForm(v.name()), shortForm(v.shortName())))) {
                add(byFull, county + "|" + town + "|" + village, v.code());
                add(byTownship, town + "|" + village, v.code());
                add(byVillage, village, v.code());
            }
            for (String village : new java.util.LinkedHashSet<>(List.of(core(v.name(), Level.VILLAGE), core(v.shortName(), Level.VILLAGE)))) {
                add(byFull, "~" + county + "|" + town + "|" + village, v.code());
                add(byTownship, "~" + town + "|" + village, v.code());
                add(byVillage, "~" + village, v.code());
            }
            countyOf.put(v.code(), county);
            names.put(v.code(), parentNames.getOrDefault(v.parentCode(), "") + v.shortName());
        }
    }

    private static void add(Map<String, List<String>> m, String key, String code) {
        List<String> l = m.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!l.contains(code)) l.add(code);
    }

    enum Level { COUNTY, TOWNSHIP, VILLAGE }

    private static final String[] VILLAGE_SUFFIXES = {"村村民委员会", "村民委员会", "社区居民委员会", "居民委员会", "社区居委会",
            "村委会", "居委会", "委员会", "社区", "村"};
    private static final String[] TOWNSHIP_SUFFIXES = {"人民政府", "街道办事处", "办事处", "街道", "镇", "乡"};
    private static final String[] COUNTY_SUFFIXES = {"自治县", "县", "区", "市", "旗"};

    /** A name without its suffixes and white space; a county also without the city before it (四平市梨树县 → 梨树). */
    static String core(String name, Level level) {
        String n = name.replaceAll("\\s", "");
        if (level == Level.COUNTY) {
            int city = n.indexOf('\u5e02');
            if (city > 0 && city < n.length() - 1) n = n.substring(city + 1);
        }
        String[] suffixes = switch (level) {
            case COUNTY -> COUNTY_SUFFIXES;
            case TOWNSHIP -> TOWNSHIP_SUFFIXES;
            case VILLAGE -> VILLAGE_SUFFIXES;
        };
        for (String s : suffixes) {
            if (n.endsWith(s) && n.length() > s.length()) {
                n = n.substring(0, n.length() - s.length());
                if (level != Level.VILLAGE) break;
            }
        }
        return n;
    }

    /** A village's name as people say it: 团山子村村民委员会 / 团山子村委会 → 团山子村, 东晟社区居民委员会 → 东晟社区. */
    static String shortForm(String name) {
        String n = name.replaceAll("\\s", "");
        String[][] rules = {{"村村民委员会", "村"}, {"村民委员会", "村"}, {"村委会", "村"}, {"社区居民委员会", "社区"},
                {"社区居委会", "社区"}, {"居民委员会", "社区"}, {"居委会", "社区"}};
        for (String[] r : rules) {
            if (n.endsWith(r[0]) && n.length() > r[0].length()) {
                String stem = n.substring(0, n.length() - r[0].length());
                return stem.endsWith(r[1]) ? stem : stem + r[1];
            }
        }
        return n;
    }

    /** The village of these names (county and township may be null when the file has no such column). */
    Found find(@Nullable String county, @Nullable String township, String village) {
        Found f = find(county, township, shortForm(village), "");
        if (f.villageCode() != null || !f.candidates().isEmpty()) return f;
        return find(county, township, core(village, Level.VILLAGE), "~");
    }

    private Found find(@Nullable String county, @Nullable String township, String v, String tilde) {
        List<String> codes;
        if (county != null && township != null) {
            codes = byFull.getOrDefault(tilde + core(county, Level.COUNTY) + "|" + core(township, Level.TOWNSHIP) + "|" + v, List.of());
        } else if (township != null) {
            codes = byTownship.getOrDefault(tilde + core(township, Level.TOWNSHIP) + "|" + v, List.of());
        } else {
            codes = byVillage.getOrDefault(tilde + v, List.of());
            if (county != null) {
                String c = core(county, Level.COUNTY);
                codes = codes.stream().filter(code -> c.equals(countyOf.get(code))).toList();
            }
        }
        if (codes.size() == 1) return new Found(codes.get(0), null, List.of());
        if (codes.isEmpty()) return new Found(null, "registry.import.problem.area.none", List.of());
        return new Found(null, "registry.import.problem.area.ambiguous",
                codes.stream().limit(5).map(c -> names.getOrDefault(c, c)).toList());
    }
}
