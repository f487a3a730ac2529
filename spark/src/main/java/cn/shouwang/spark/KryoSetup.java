package cn.shouwang.spark;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.Relation;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.Household;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.feed.MonitoredRow;
import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import cn.shouwang.screening.rules.Rule;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Compact shuffle forms of the rows. Spark's Kryo (4.x) cannot build Java records by itself, and Java
 * serialization repeats class descriptors every hundred objects, so each record type that crosses a shuffle
 * gets a few lines here: fields in declaration order, enums by ordinal. Set with
 * {@code spark.serializer=org.apache.spark.serializer.KryoSerializer} and
 * {@code spark.kryo.registrator=cn.shouwang.spark.KryoSetup} (the job does both when it builds its session).
 */
public final class KryoSetup implements KryoRegistrator {

    /** The Spark settings that select this registrator. */
    public static final String[][] SETTINGS = {
            {"spark.serializer", "org.apache.spark.serializer.KryoSerializer"},
            {"spark.kryo.registrator", KryoSetup.class.getName()},
            // the rows hold no shared or cyclic references; tracking them was the hottest spot of the shuffle writes
            {"spark.kryo.referenceTracking", "false"},
    };

    private static final FeedKind[] KINDS = FeedKind.values();
    private static final Rule[] RULES = Rule.values();
    private static final Relation[] RELATIONS = Relation.values();
    private static final LabourCapacity[] CAPACITIES = LabourCapacity.values();
    private static final MemberStatus[] STATUSES = MemberStatus.values();
    private static final Items.Tally.What[] WHATS = Items.Tally.What.values();

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(FeedRow.class, new Ser<FeedRow>() {
            @Override public void write(Kryo k, Output o, FeedRow r) {
                o.writeVarInt(r.kind().ordinal(), true);
                o.writeVarInt(r.line(), true);
                o.writeLong(r.key());
                o.writeInt(r.date());
                o.writeVarLong(r.amount(), false);
                o.writeVarLong(r.amount2(), false);
                o.writeString(r.code());
            }

            @Override public FeedRow read(Kryo k, Input i, Class<FeedRow> c) {
                return new FeedRow(KINDS[i.readVarInt(true)], i.readVarInt(true), i.readLong(), i.readInt(),
                        i.readVarLong(false), i.readVarLong(false), i.readString());
            }
        });
        kryo.register(Household.class, new Ser<Household>() {
            @Override public void write(Kryo k, Output o, Household h) {
                o.writeString(h.householdId());
                o.writeLong(h.areaCode());
                o.writeLong(h.headId());
                o.writeBoolean(h.formerlyPoor());
                o.writeVarInt(h.line(), true);
            }

            @Override public Household read(Kryo k, Input i, Class<Household> c) {
                return new Household(i.readString(), i.readLong(), i.readLong(), i.readBoolean(), i.readVarInt(true));
            }
        });
        kryo.register(Member.class, new Ser<Member>() {
            @Override public void write(Kryo k, Output o, Member m) {
                o.writeString(m.householdId());
                o.writeLong(m.id());
                o.writeVarInt(ord(m.relation()), true);
                o.writeVarInt(ord(m.labourCapacity()), true);
                o.writeVarInt(ord(m.status()), true);
                o.writeVarInt(m.line(), true);
            }

            @Override public Member read(Kryo k, Input i, Class<Member> c) {
                return new Member(i.readString(), i.readLong(), of(RELATIONS, i.readVarInt(true)),
                        of(CAPACITIES, i.readVarInt(true)), of(STATUSES, i.readVarInt(true)), i.readVarInt(true));
            }
        });
        kryo.register(Income.class, new Ser<Income>() {
            @Override public void write(Kryo k, Output o, Income x) {
                o.writeString(x.householdId());
                o.writeVarInt(x.year(), false);
                o.writeVarLong(x.wages(), false);
                o.writeVarLong(x.business(), false);
                o.writeVarLong(x.property(), false);
                o.writeVarLong(x.transfers(), false);
                o.writeVarLong(x.productionCosts(), false);
                o.writeVarLong(x.eligibleOutOfPocket(), false);
                o.writeVarInt(x.line(), true);
            }

            @Override public Income read(Kryo k, Input i, Class<Income> c) {
                return new Income(i.readString(), i.readVarInt(false), i.readVarLong(false), i.readVarLong(false),
                        i.readVarLong(false), i.readVarLong(false), i.readVarLong(false), i.readVarLong(false),
                        i.readVarInt(true));
            }
        });
        kryo.register(MonitoredRow.class, new Ser<MonitoredRow>() {
            @Override public void write(Kryo k, Output o, MonitoredRow r) {
                o.writeString(r.householdId());
                o.writeVarInt(r.riskTypes(), false);
                o.writeBoolean(r.monitored());
                o.writeVarInt(r.line(), true);
            }

            @Override public MonitoredRow read(Kryo k, Input i, Class<MonitoredRow> c) {
                return new MonitoredRow(i.readString(), i.readVarInt(false), i.readBoolean(), i.readVarInt(true));
            }
        });
        kryo.register(Reject.class, new Ser<Reject>() {
            @Override public void write(Kryo k, Output o, Reject r) {
                o.writeString(r.source());
                o.writeVarInt(r.line(), false);
                o.writeString(r.reason());
            }

            @Override public Reject read(Kryo k, Input i, Class<Reject> c) {
                return new Reject(i.readString(), i.readVarInt(false), i.readString());
            }
        });
        kryo.register(Warning.class, new Ser<Warning>() {
            @Override public void write(Kryo k, Output o, Warning w) {
                o.writeString(w.period());
                o.writeString(w.householdId());
                o.writeLong(w.personId());
                o.writeVarInt(w.rule().ordinal(), true);
                o.writeVarInt(w.line(), false);
                o.writeString(w.detail());
            }

            @Override public Warning read(Kryo k, Input i, Class<Warning> c) {
                return new Warning(i.readString(), i.readString(), i.readLong(), RULES[i.readVarInt(true)],
                        i.readVarInt(false), i.readString());
            }
        });
        kryo.register(Items.Bundle.class, new Ser<Items.Bundle>() {
            @Override public void write(Kryo k, Output o, Items.Bundle b) {
                Household h = b.household();
                o.writeString(h.householdId()); // once: the incomes and monitoring rows share it
                o.writeLong(h.areaCode());
                o.writeLong(h.headId());
                o.writeBoolean(h.formerlyPoor());
                o.writeVarInt(h.line(), true);
                o.writeVarInt(b.incomes().size(), true);
                for (Income x : b.incomes()) {
                    o.writeVarInt(x.year(), false);
                    o.writeVarLong(x.wages(), false);
                    o.writeVarLong(x.business(), false);
                    o.writeVarLong(x.property(), false);
                    o.writeVarLong(x.transfers(), false);
                    o.writeVarLong(x.productionCosts(), false);
                    o.writeVarLong(x.eligibleOutOfPocket(), false);
                    o.writeVarInt(x.line(), true);
                }
                o.writeVarInt(b.monitored().size(), true);
                for (MonitoredRow x : b.monitored()) {
                    o.writeVarInt(x.riskTypes(), false);
                    o.writeBoolean(x.monitored());
                    o.writeVarInt(x.line(), true);
                }
            }

            @Override public Items.Bundle read(Kryo k, Input i, Class<Items.Bundle> c) {
                String hid = i.readString();
                Household h = new Household(hid, i.readLong(), i.readLong(), i.readBoolean(), i.readVarInt(true));
                int n = i.readVarInt(true);
                List<Income> incomes = n == 0 ? List.of() : new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    incomes.add(new Income(hid, i.readVarInt(false), i.readVarLong(false), i.readVarLong(false),
                            i.readVarLong(false), i.readVarLong(false), i.readVarLong(false), i.readVarLong(false),
                            i.readVarInt(true)));
                }
                n = i.readVarInt(true);
                List<MonitoredRow> mon = n == 0 ? List.of() : new ArrayList<>(n);
                for (int j = 0; j < n; j++) mon.add(new MonitoredRow(hid, i.readVarInt(false), i.readBoolean(), i.readVarInt(true)));
                return new Items.Bundle(h, incomes, mon);
            }
        });
        kryo.register(Items.Person.class, new Ser<Items.Person>() {
            @Override public void write(Kryo k, Output o, Items.Person p) {
                k.writeObject(o, p.member());
                o.writeVarInt(p.rows().size(), true);
                for (FeedRow r : p.rows()) { // the id number is the member's: not repeated
                    o.writeVarInt(r.kind().ordinal(), true);
                    o.writeVarInt(r.line(), true);
                    o.writeInt(r.date());
                    o.writeVarLong(r.amount(), false);
                    o.writeVarLong(r.amount2(), false);
                    o.writeString(r.code());
                }
            }

            @Override public Items.Person read(Kryo k, Input i, Class<Items.Person> c) {
                Member m = k.readObject(i, Member.class);
                int n = i.readVarInt(true);
                List<FeedRow> rows = n == 0 ? List.of() : new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    rows.add(new FeedRow(KINDS[i.readVarInt(true)], i.readVarInt(true), m.id(), i.readInt(),
                            i.readVarLong(false), i.readVarLong(false), i.readString()));
                }
                return new Items.Person(m, rows);
            }
        });
        kryo.register(Items.Tally.class, new Ser<Items.Tally>() {
            @Override public void write(Kryo k, Output o, Items.Tally t) {
                o.writeVarInt(t.what().ordinal(), true);
                o.writeVarInt(ord(t.kind()), true);
                o.writeVarLong(t.n(), true);
            }

            @Override public Items.Tally read(Kryo k, Input i, Class<Items.Tally> c) {
                return new Items.Tally(WHATS[i.readVarInt(true)], of(KINDS, i.readVarInt(true)), i.readVarLong(true));
            }
        });
        // rare and small: plain Java serialization is fine
        kryo.register(Segment.class, new JavaSerializer());
        kryo.register(ChunkStats.class, new JavaSerializer());
        kryo.register(InputFile.class, new JavaSerializer());
    }

    private abstract static class Ser<T> extends Serializer<T> {
        Ser() {
            super(false, true); // no nulls inside, immutable
        }
    }

    private static int ord(Enum<?> e) {
        return e == null ? 0 : e.ordinal() + 1;
    }

    private static <E> E of(E[] values, int ord) {
        return ord == 0 ? null : values[ord - 1];
    }
}
