package cn.shouwang.core.area;

import org.jspecify.annotations.Nullable;

/**
 * One row of an edition of the official division codes. {@code name} is kept as published
 * ("X村委会", "X村村民委员会"); {@link #shortName()} offers the form people say.
 */
public record Division(String code, String name, AreaLevel level, @Nullable String parentCode,
                       @Nullable String urbanRuralCode) {

    private static final String[] SUFFIXES = {"村村民委员会", "村民委员会", "社区居民委员会", "居民委员会", "社区居委会", "村委会", "居委会"};

    /** 西八大村委会 → 西八大村; 石岭镇二龙社区居民委员会 → 石岭镇二龙社区. */
    public String shortName() {
        for (String s : SUFFIXES) {
            if (name.endsWith(s) && name.length() > s.length()) {
                String stem = name.substring(0, name.length() - s.length());
                if (s.startsWith("村")) return stem + "村";
                if (s.startsWith("社区")) return stem + "社区";
                if (s.equals("居民委员会") || s.equals("居委会")) return stem.endsWith("社区") ? stem : stem + "社区";
                return stem.endsWith("村") ? stem : stem + "村";
            }
        }
        return name;
    }

    /** A village or community whose name says it is rural (村), not an urban community (社区). */
    public boolean isRuralVillage() {
        return level == AreaLevel.VILLAGE && !name.contains("社区") && !name.contains("居民委员会") && !name.contains("居委会");
    }

    public AreaCode areaCode() {
        return new AreaCode(code);
    }
}
