package cn.shouwang.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the server executes on the current thread, for tests that bound the statements of a
 * page ({@code StatementCounter.reset(); mvc.perform(…); StatementCounter.count()}). MockMvc runs the request on the
 * test's thread, so the count is that request's. Test-only: {@link ServerTest} imports it, and it wraps the server's
 * pool ({@code DataSource}) in JDK proxies — connections and statements are the pool's own, passed through; each
 * {@code execute*} call on a statement counts one.
 */
public class StatementCounter implements BeanPostProcessor {
    private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

    /** Starts counting from zero on this thread. */
    public static void reset() {
        COUNT.get()[0] = 0;
    }

    /** Statements executed on this thread since {@link #reset()}. */
    public static int count() {
        return COUNT.get()[0];
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && "dataSource".equals(beanName)) {
            return proxy(DataSource.class, ds, (target, m, args) -> {
                Object r = invoke(target, m, args);
                return r instanceof Connection c ? proxy(Connection.class, c, StatementCounter::connection) : r;
            });
        }
        return bean;
    }

    private static Object connection(Object target, Method m, Object[] args) throws Throwable {
        Object r = invoke(target, m, args);
        if (r instanceof Statement s && (m.getName().startsWith("prepare") || m.getName().equals("createStatement"))) {
            Class<?> type = m.getReturnType(); // Statement, PreparedStatement or CallableStatement
            return proxy(type, s, (t, sm, sargs) -> {
                if (sm.getName().startsWith("execute")) COUNT.get()[0]++;
                return invoke(t, sm, sargs);
            });
        }
        return r;
    }

    interface Handler {
        Object handle(Object target, Method m, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, Object target, Handler h) {
        InvocationHandler ih = (p, m, args) -> h.handle(target, m, args);
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, ih);
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
