package cn.shouwang.server.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.person.IdNumber;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FieldCryptoTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String ID = "11010519491231002X";

    @Test
    void sm4AndAesRoundTripAndNeverStoreThePlainText() {
        for (String cipher : new String[] {"SM4", "AES"}) {
            FieldCrypto c = new FieldCrypto(KEY, cipher);
            byte[] a = c.seal(ID);
            byte[] b = c.seal(ID);
            assertThat(c.open(a)).isEqualTo(ID);
            assertThat(a).isNotEqualTo(b); // fresh nonce each time: equal values do not look equal at rest
            assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("1949");
        }
        // values sealed with one algorithm stay readable after switching the option
        byte[] sm4 = new FieldCrypto(KEY, "SM4").seal("13812345678");
        assertThat(new FieldCrypto(KEY, "AES").open(sm4)).isEqualTo("13812345678");
    }

    @Test
    void tamperedOrForeignKeyValuesDoNotOpenAndTheMessageHoldsNoValue() {
        FieldCrypto c = new FieldCrypto(KEY, "SM4");
        byte[] sealed = c.seal(ID);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> c.open(sealed)).hasMessageNotContaining(ID).hasMessageNotContaining("1949");
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> new FieldCrypto(other, "SM4").open(c.seal(ID))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keyedHashIsStablePerKeyAndDiffersAcrossKeys() {
        IdNumber id = IdNumber.of(ID);
        byte[] h1 = new FieldCrypto(KEY, "SM4").idNumberHash(id);
        assertThat(h1).hasSize(16).isEqualTo(new FieldCrypto(KEY, "AES").idNumberHash(id));
        byte[] other = KEY.clone();
        other[5] ^= 1;
        assertThat(Arrays.equals(h1, new FieldCrypto(other, "SM4").idNumberHash(id))).isFalse();
    }

    @Test
    void theKeyedHashIsHmacSm3UnderTheLookupKeyWhateverHashedBeforeOnTheThread() throws Exception {
        // stored hashes must stay what they were: HMAC-SM3(HMAC-SM3(master, "shouwang-lookup-v1"), id), first 16 bytes
        byte[] lookup = FieldCrypto.hmac(KEY, "shouwang-lookup-v1".getBytes(StandardCharsets.US_ASCII));
        byte[] expected = Arrays.copyOf(FieldCrypto.hmac(lookup, ID.getBytes(StandardCharsets.US_ASCII)), 16);
        FieldCrypto c = new FieldCrypto(KEY, "SM4");
        IdNumber other = IdNumber.of("110105194912310038");
        for (int i = 0; i < 3; i++) {
            assertThat(c.idNumberHash(IdNumber.of(ID))).isEqualTo(expected);
            assertThat(c.idNumberHash(other)).isNotEqualTo(expected);
        }
        byte[][] elsewhere = new byte[1][];
        Thread t = new Thread(() -> elsewhere[0] = c.idNumberHash(IdNumber.of(ID)));
        t.start();
        t.join();
        assertThat(elsewhere[0]).isEqualTo(expected);
    }

    @Test
    void phonesAreMaskedLikeOnPaper() {
        assertThat(PersonalDataApi.maskPhone("13812345678")).isEqualTo("138****5678");
        assertThat(PersonalDataApi.maskPhone("")).isEmpty();
    }
}
