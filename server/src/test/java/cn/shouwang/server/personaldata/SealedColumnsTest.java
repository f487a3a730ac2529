package cn.shouwang.server.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.platform.DataKeyCheckStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The key rotation and the backup find sealed values by the schema's naming rule ({@code bytea} columns named
 * {@code *_enc}, keyed hashes {@code *_hash} beside them). This holds the rule to the whole schema and to the demo's
 * data of every module, so that a new sealed column cannot be missed by a rotation: it fails on a {@code bytea} column
 * that is neither named as sealed nor listed in {@link DataKeyCheckStore#NOT_SEALED}, on a hash without its sealed
 * column, and on any value outside a sealed column that opens with the key (a sealed value kept under another name).
 */
class SealedColumnsTest extends ServerTest {
    @Autowired DataKeyCheckStore store;
    @Autowired PersonalDataApi personalData;

    @Test
    void everyByteaColumnIsSealedAHashBesideItsSealedColumnOrListedAsNotSealed() {
        List<String> all = store.byteaColumns();
        List<String> unknown = new ArrayList<>();
        for (String c : all) {
            String column = c.substring(c.lastIndexOf('.') + 1);
            if (column.endsWith("_enc") || DataKeyCheckStore.NOT_SEALED.containsKey(c)) continue;
            if (column.endsWith("_hash") && all.contains(c.substring(0, c.lastIndexOf('.') + 1) + KeyRotationApi.pairOf(column))) {
                continue;
            }
            unknown.add(c);
        }
        assertThat(unknown).as("bytea columns neither *_enc, nor *_hash beside their *_enc, nor in NOT_SEALED").isEmpty();
        assertThat(all).as("the listed exceptions exist").containsAll(DataKeyCheckStore.NOT_SEALED.keySet());
        // the registers' sealed columns are in the catalogue the rotation walks
        assertThat(store.sealedColumns()).extracting(c -> c.schema() + "." + c.table() + "." + c.column())
                .contains("household.member.id_number_enc", "household.member.health_enc", "household.household.phone_enc",
                        "casework.lead.reporter_id_enc", "screening.screening_warning.id_number_enc",
                        "socialassistance.assistance_grant.bank_account_enc", "eldervisits.elder_visitor.phone_enc");
    }

    @Test
    void inTheDemoDataOfEveryModuleOnlySealedColumnsHoldValuesThatOpenWithTheKey() {
        long opened = 0;
        for (String c : store.byteaColumns()) {
            String[] p = c.split("\\.");
            boolean sealed = p[2].endsWith("_enc");
            List<byte[]> values = jdbc.sql("select \"" + p[2] + "\" from \"" + p[0] + "\".\"" + p[1] + "\" where \""
                    + p[2] + "\" is not null and length(\"" + p[2] + "\") > 0 limit 500").query(byte[].class).list();
            for (byte[] v : values) {
                boolean opens;
                try {
                    personalData.open(v);
                    opens = true;
                } catch (RuntimeException e) {
                    opens = false;
                }
                assertThat(opens).as("a value of %s %s with the key", c, sealed ? "does not open" : "opens").isEqualTo(sealed);
                if (opens) opened++;
            }
        }
        assertThat(opened).as("the demo holds sealed values").isGreaterThan(100);
    }
}
