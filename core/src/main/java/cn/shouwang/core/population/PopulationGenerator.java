package cn.shouwang.core.population;

import cn.shouwang.core.area.Division;
import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.MonitoringCategory;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.core.household.SchoolingStage;
import cn.shouwang.core.person.Ages;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.core.person.Sex;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generates households one after another from a seed: the same seed, villages and as-of date always
 * give the same population, so demos, tests and benchmarks can be reproduced anywhere.
 * Memory stays small (a counter per county and birth date keeps id numbers unique), so ten million
 * persons can be streamed. The shares are documented in docs/demo-data.md.
 */
public final class PopulationGenerator {

    /** Mean household size is about 3.06 (10 million persons ≈ 3.3 million households). */
    private static final double[] SIZE_SHARES = {0.12, 0.28, 0.25, 0.18, 0.11, 0.06};
    private static final double FORMERLY_POOR_SHARE = 0.10;
    private static final double MONITORED_SHARE_FORMERLY_POOR = 0.10;
    private static final double MONITORED_SHARE_OTHER = 0.025;
    private static final double ELIMINATED_SHARE_OF_MONITORED = 0.45;

    private static final String SURNAMES =
            "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文";
    private static final String GIVEN_MALE = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘";
    private static final String GIVEN_FEMALE = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽阳妮宝贝初程梵罡恒鸿桦骅剑娇纪宽苛灵玛媚琪晴容睿烁堂唯威韦雯苇萱阅彦宇雨洋忠宗曼紫逸贤蝶菡绿蓝儿翠烟";
    private static final RiskType[] RISKS_BY_FREQUENCY = {
            RiskType.ILLNESS, RiskType.ILLNESS, RiskType.ILLNESS, RiskType.ILLNESS,
            RiskType.LACK_OF_LABOUR, RiskType.LACK_OF_LABOUR, RiskType.DISABILITY, RiskType.DISABILITY,
            RiskType.SCHOOLING, RiskType.UNSTABLE_EMPLOYMENT, RiskType.NATURAL_DISASTER, RiskType.ACCIDENT,
            RiskType.INDUSTRY_FAILURE, RiskType.UNSAFE_HOUSING, RiskType.OTHER};

    private final SplittableRandom random;
    private final List<Division> villages;
    private final LocalDate asOf;
    private final Map<String, Integer> nextHouseholdInVillage = new HashMap<>();
    /** (county digits, birth epoch day, sex) → how many id numbers were handed out. */
    private final Map<Long, Integer> issuedIdNumbers = new HashMap<>();
    private LocalDate lastIssuedBirthDate = LocalDate.EPOCH;
    private String lastCounty = "";
    private long lastCountyNumber;

    /**
     * @param seed     the same seed gives the same population
     * @param villages where households live (village-level divisions; callers usually pass the rural ones)
     * @param asOf     the day ages, schooling and incomes refer to
     */
    public PopulationGenerator(long seed, List<Division> villages, LocalDate asOf) {
        if (villages.isEmpty()) throw new IllegalArgumentException("no villages to place households in");
        this.random = new SplittableRandom(seed);
        this.villages = List.copyOf(villages);
        this.asOf = asOf;
    }

    /** How many households give about {@code persons} persons. */
    public static long householdsForPersons(long persons) {
        double mean = 0;
        for (int i = 0; i < SIZE_SHARES.length; i++) mean += (i + 1) * SIZE_SHARES[i];
        return Math.max(1, Math.round(persons / mean));
    }

    /** The next {@code count} households, generated lazily. */
    public Iterator<GeneratedHousehold> households(long count) {
        return new Iterator<>() {
            long made;
            @Override public boolean hasNext() { return made < count; }
            @Override public GeneratedHousehold next() {
                if (made >= count) throw new NoSuchElementException();
                made++;
                return nextHousehold();
            }
        };
    }

    public GeneratedHousehold nextHousehold() {
        Division village = villages.get(random.nextInt(villages.size()));
        int seq = nextHouseholdInVillage.merge(village.code(), 1, Integer::sum) - 1;
        if (seq > 99_999) throw new IllegalStateException("more than 99,999 households in village " + village.code());
        String householdId = village.code() + pad(seq, 5);
        String county = village.code().substring(0, 6);

        int size = pickSize();
        String surname = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        List<GeneratedMember> members = new ArrayList<>(size);
        boolean elderlyHousehold;
        int headAge;
        if (size == 1) {
            elderlyHousehold = random.nextDouble() < 0.65;
            headAge = elderlyHousehold ? between(60, 90) : between(25, 59);
        } else {
            elderlyHousehold = random.nextDouble() < 0.45;
            headAge = elderlyHousehold ? between(55, 85) : between(25, 55);
        }
        Sex headSex = random.nextDouble() < 0.82 ? Sex.MALE : Sex.FEMALE;
        members.add(person(county, surname, headSex, headAge, Relation.HEAD, true));
        int left = size - 1;
        if (left > 0 && random.nextDouble() < (elderlyHousehold ? 0.75 : 0.92)) {
            Sex spouseSex = headSex == Sex.MALE ? Sex.FEMALE : Sex.MALE;
            int spouseAge = Math.max(20, headAge + between(-5, 4));
            members.add(person(county, otherSurname(surname), spouseSex, spouseAge, Relation.SPOUSE, false));
            left--;
        }
        if (elderlyHousehold) {
            // older couples often live with grandchildren whose parents work away, sometimes with an adult child
            // grandchildren are registered with their parents, who mostly work away and send wages home
            if (left >= 2 || (left == 1 && random.nextBoolean())) {
                int childAge = Math.max(18, headAge - between(22, 32));
                members.add(person(county, surname, randomSex(), childAge, Relation.CHILD, false));
                left--;
                if (left >= 2 && random.nextDouble() < 0.6) {
                    members.add(person(county, otherSurname(surname), randomSex(), childAge + between(-3, 3), Relation.OTHER, false));
                    left--;
                }
            }
            while (left-- > 0) {
                members.add(person(county, surname, randomSex(), between(0, 17), Relation.GRANDCHILD, false));
            }
        } else {
            if (left >= 3 && random.nextDouble() < 0.35) {
                members.add(person(county, otherSurname(surname), randomSex(), Math.min(95, headAge + between(22, 32)), Relation.PARENT, false));
                left--;
            }
            int oldestChild = Math.max(0, headAge - between(22, 30));
            while (left-- > 0) {
                int age = Math.max(0, oldestChild - between(0, 6));
                members.add(person(county, surname, randomSex(), age, Relation.CHILD, false));
            }
        }

        boolean formerlyPoor = random.nextDouble() < FORMERLY_POOR_SHARE;
        Integer exitYear = formerlyPoor ? between(2014, 2020) : null;
        String group = between(1, 12) + "组";
        String address = village.shortName() + group + between(1, 180) + "号";
        String phone = phone();
        List<AnnualIncome> incomes = incomes(members, formerlyPoor);
        MonitoringRecord monitoring = monitoring(formerlyPoor);
        return new GeneratedHousehold(householdId, village.code(), group, address, formerlyPoor, exitYear, phone,
                List.copyOf(members), incomes, monitoring);
    }

    private int pickSize() {
        double r = random.nextDouble();
        for (int i = 0; i < SIZE_SHARES.length; i++) {
            r -= SIZE_SHARES[i];
            if (r < 0) return i + 1;
        }
        return SIZE_SHARES.length;
    }

    private GeneratedMember person(String county, String surname, Sex sex, int age, Relation relation, boolean head) {
        LocalDate birth = asOf.minusYears(age).minusDays(random.nextInt(365));
        String id = issueIdNumber(county, birth, sex);
        birth = lastIssuedBirthDate; // the issuer may have moved the date to keep numbers unique
        age = Ages.yearsBetween(birth, asOf);
        String name = surname + givenName(sex);
        LabourCapacity labour = labour(age);
        HealthStatus health = health(age);
        Integer disabilityGrade = health == HealthStatus.DISABLED ? between(1, 4) : null;
        SchoolingStage schooling = schooling(age);
        boolean insured = random.nextDouble() < 0.97;
        MemberStatus status = MemberStatus.ACTIVE;
        if (!head) {
            double r = random.nextDouble();
            if (r < 0.015 && age >= 40) status = MemberStatus.DECEASED;
            else if (r < 0.035 && age >= 18) status = MemberStatus.MOVED_OUT;
        }
        return new GeneratedMember(id, name, sex, birth, relation, labour, health, disabilityGrade, schooling, insured, status);
    }

    /** County (6) + birth date (8) + sequence (3, odd for men) + check character; unique within this generator. */
    private String issueIdNumber(String county, LocalDate birth, Sex sex) {
        LocalDate day = birth;
        while (true) {
            long key = (countyNumber(county) * 100_000L + day.toEpochDay() + 50_000L) * 2 + (sex == Sex.MALE ? 1 : 0);
            int issued = issuedIdNumbers.merge(key, 1, Integer::sum) - 1;
            int sequence = sex == Sex.MALE ? 2 * issued + 1 : 2 * issued + 2;
            if (sequence <= 999) {
                StringBuilder b = new StringBuilder(18).append(county).append(pad(day.getYear(), 4))
                        .append(pad(day.getMonthValue(), 2)).append(pad(day.getDayOfMonth(), 2)).append(pad(sequence, 3));
                lastIssuedBirthDate = day;
                return b.append(IdNumber.checkCharacter(b)).toString();
            }
            day = day.plusDays(1);
            if (day.isAfter(asOf)) day = birth.minusDays(random.nextInt(30) + 1);
        }
    }

    private long countyNumber(String county) {
        if (!county.equals(lastCounty)) {
            lastCounty = county;
            lastCountyNumber = Long.parseLong(county);
        }
        return lastCountyNumber;
    }

    /** Zero-padded decimal, without the cost of String.format in a loop over ten million persons. */
    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private String givenName(Sex sex) {
        String pool = sex == Sex.MALE ? GIVEN_MALE : GIVEN_FEMALE;
        StringBuilder b = new StringBuilder(2).append(pool.charAt(random.nextInt(pool.length())));
        if (random.nextDouble() < 0.7) b.append(pool.charAt(random.nextInt(pool.length())));
        return b.toString();
    }

    private String otherSurname(String surname) {
        String s;
        do {
            s = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        } while (s.equals(surname));
        return s;
    }

    private Sex randomSex() {
        return random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
    }

    private LabourCapacity labour(int age) {
        double r = random.nextDouble();
        if (age < 16) return LabourCapacity.NONE;
        if (age < 60) {
            if (r < 0.15) return LabourCapacity.SKILLED;
            if (r < 0.85) return LabourCapacity.ORDINARY;
            if (r < 0.93) return LabourCapacity.WEAK;
            return LabourCapacity.LOST;
        }
        if (age < 70) {
            if (r < 0.30) return LabourCapacity.ORDINARY;
            if (r < 0.70) return LabourCapacity.WEAK;
            if (r < 0.80) return LabourCapacity.LOST;
            return LabourCapacity.NONE;
        }
        if (r < 0.15) return LabourCapacity.WEAK;
        if (r < 0.40) return LabourCapacity.LOST;
        return LabourCapacity.NONE;
    }

    private HealthStatus health(int age) {
        double r = random.nextDouble();
        double chronic = age < 40 ? 0.03 : age < 60 ? 0.12 : 0.30;
        double serious = age < 60 ? 0.01 : 0.03;
        double disabled = age < 60 ? 0.04 : 0.07;
        if (r < disabled) return HealthStatus.DISABLED;
        if (r < disabled + serious) return HealthStatus.SERIOUS_ILLNESS;
        if (r < disabled + serious + chronic) return HealthStatus.CHRONIC_ILLNESS;
        return HealthStatus.HEALTHY;
    }

    private SchoolingStage schooling(int age) {
        if (age >= 3 && age <= 5) return SchoolingStage.PRESCHOOL;
        if (age >= 6 && age <= 11) return SchoolingStage.PRIMARY;
        if (age >= 12 && age <= 14) return SchoolingStage.JUNIOR;
        if (age >= 15 && age <= 17) {
            double r = random.nextDouble();
            return r < 0.65 ? SchoolingStage.SENIOR : r < 0.90 ? SchoolingStage.VOCATIONAL : SchoolingStage.NONE;
        }
        if (age >= 18 && age <= 21 && random.nextDouble() < 0.35) return SchoolingStage.HIGHER;
        return SchoolingStage.NONE;
    }

    private String phone() {
        char[] second = {'3', '5', '7', '8', '9'};
        StringBuilder b = new StringBuilder(11).append('1').append(second[random.nextInt(second.length)]);
        for (int i = 0; i < 9; i++) b.append((char) ('0' + random.nextInt(10)));
        return b.toString();
    }

    /** The year before the as-of year, and for most households the one before that, newest first. */
    private List<AnnualIncome> incomes(List<GeneratedMember> members, boolean formerlyPoor) {
        List<AnnualIncome> out = new ArrayList<>(2);
        int lastYear = asOf.getYear() - 1;
        out.add(income(members, formerlyPoor, lastYear, 1.0));
        if (random.nextDouble() < 0.7) out.add(income(members, formerlyPoor, lastYear - 1, 0.93));
        return List.copyOf(out);
    }

    private AnnualIncome income(List<GeneratedMember> members, boolean formerlyPoor, int year, double level) {
        long wages = 0, transfers = 0, outOfPocket = 0;
        int workers = 0;
        for (GeneratedMember m : members) {
            if (m.status() != MemberStatus.ACTIVE) continue;
            int age = Ages.yearsBetween(m.birthDate(), LocalDate.of(year, 12, 31));
            if (m.labourCapacity().canWork() && age >= 16 && age < 65) {
                workers++;
                double r = random.nextDouble();
                if (r < 0.55) wages += between(22_000, 70_000);        // works in a city part of the year
                else if (r < 0.90) wages += between(6_000, 22_000);    // local day labour
            }
            if (age >= 60) transfers += between(1_300, 2_400);          // basic pension
            if (m.health() == HealthStatus.SERIOUS_ILLNESS) outOfPocket += between(3_000, 25_000);
            else if (m.health() == HealthStatus.CHRONIC_ILLNESS && random.nextDouble() < 0.4) outOfPocket += between(300, 4_000);
        }
        long business = workers == 0 ? between(2_000, 16_000) : between(5_000, 40_000); // farming, mostly maize
        long costs = Math.round(business * (0.2 + random.nextDouble() * 0.3));
        long property = random.nextDouble() < 0.7 ? between(500, 6_000) : 0;           // land transfer rent
        transfers += between(300, 2_500) + (formerlyPoor ? between(1_000, 6_000) : 0);
        if (workers == 0 && random.nextDouble() < 0.6) transfers += between(1_000, 8_000); // support from children away
        return new AnnualIncome(year, yuan(wages * level), yuan(business * level), yuan(property), yuan(transfers),
                yuan(costs * level), yuan(outOfPocket));
    }

    private MonitoringRecord monitoring(boolean formerlyPoor) {
        double share = formerlyPoor ? MONITORED_SHARE_FORMERLY_POOR : MONITORED_SHARE_OTHER;
        if (random.nextDouble() >= share) return null;
        MonitoringCategory category = formerlyPoor ? MonitoringCategory.UNSTABLE_FORMERLY_POOR
                : random.nextDouble() < 0.8 ? MonitoringCategory.MARGINAL_AT_RISK : MonitoringCategory.SUDDEN_HARDSHIP;
        LinkedHashSet<RiskType> risks = new LinkedHashSet<>();
        int n = random.nextDouble() < 0.6 ? 1 : random.nextDouble() < 0.8 ? 2 : 3;
        while (risks.size() < n) risks.add(RISKS_BY_FREQUENCY[random.nextInt(RISKS_BY_FREQUENCY.length)]);
        YearMonth now = YearMonth.from(asOf);
        YearMonth identified = now.minusMonths(between(1, 40));
        YearMonth eliminated = null;
        if (random.nextDouble() < ELIMINATED_SHARE_OF_MONITORED) {
            YearMonth earliest = identified.plusMonths(6);
            if (!earliest.isAfter(now)) {
                eliminated = earliest.plusMonths(random.nextInt((int) (earliest.until(now, java.time.temporal.ChronoUnit.MONTHS) + 1)));
            }
        }
        return new MonitoringRecord(category, List.copyOf(risks), identified, eliminated);
    }

    private static BigDecimal yuan(double amount) {
        return BigDecimal.valueOf(Math.round(amount));
    }

    private int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }
}
