package cn.shouwang.server.personaldata;

import cn.shouwang.server.platform.DataKeyCheckStore;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * At start, before anything reads or writes personal data: the key must be the data's. The database keeps the key's
 * check value ({@link FieldCrypto#keyCheckValue()}, table {@code data_key_check}); a different one stops the server
 * with one line. A database of an earlier release has no check value yet: when it holds any sealed value, that value
 * must open with this key, and only then is the check value written (so a wrong key never gets recorded as right).
 */
@Component
class KeyCheck implements InitializingBean {
    static final String MISMATCH = "the personal-data key (SHOUWANG_DATA_KEY or the key file) does not match the data "
            + "in this database: start the server with the key its data was sealed with (个人数据密钥与数据库中的数据不符，"
            + "请使用加密这些数据的密钥启动)";

    private final FieldCrypto crypto;
    private final DataKeyCheckStore store;
    private final boolean rotating;

    KeyCheck(FieldCrypto crypto, DataKeyCheckStore store,
             @org.springframework.beans.factory.annotation.Value("${shouwang.personal-data.rotating:false}") boolean rotating) {
        this.crypto = crypto;
        this.store = store;
        this.rotating = rotating;
    }

    @Override
    public void afterPropertiesSet() {
        check(crypto, store, rotating);
    }

    static final String ROTATING = "a key rotation is under way and not finished: run ./shouwang rotate-key again with the "
            + "same new key to finish it before starting the server (密钥轮换尚未完成：请用同一新密钥再次运行 ./shouwang rotate-key 完成轮换后再启动)";

    static void check(FieldCrypto crypto, DataKeyCheckStore store) {
        check(crypto, store, false);
    }

    /** @param rotating the context of ./shouwang rotate-key, which goes on with a rotation under way */
    static void check(FieldCrypto crypto, DataKeyCheckStore store, boolean rotating) {
        if (!rotating && store.rotationUnderWay().isPresent()) throw new DataKeyMismatchException(ROTATING);
        byte[] mine = crypto.keyCheckValue();
        Optional<byte[]> stored = store.stored();
        if (stored.isPresent()) {
            if (!MessageDigest.isEqual(stored.get(), mine)) throw new DataKeyMismatchException(MISMATCH);
            return;
        }
        Optional<byte[]> sealed = store.anySealedValue();
        if (sealed.isPresent()) {
            try {
                crypto.open(sealed.get());
            } catch (RuntimeException e) {
                throw new DataKeyMismatchException(MISMATCH);
            }
        }
        store.store(mine);
    }
}
