package io.pgjmx.testapp;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A servlet-container-like launcher for the class-loader tests. It runs in the system class loader, which
 * holds only this launcher's classes; each "web application" ({@link WebApp}) gets a {@link URLClassLoader}
 * of its own over {@code -Dwebapp.path} whose parent is the platform loader, so neither the launcher
 * nor a sibling can see its HikariCP or pgjdbc. Driven line by line on stdin like {@link TestApp}.
 *
 * <pre>
 * deploy APP              a new loader with its own copy of WebApp, HikariCP and pgjdbc
 * in APP COMMAND...       a WebApp command, on this thread with APP's loader as context loader
 * visible CLASS           whether the launcher's own loader can load CLASS
 * undeploy APP            WebApp's shutdown, then drop every reference to APP and close its loader
 * abandon APP             the same without closing APP's pools (only its drivers are deregistered)
 * collect APP             System.gc() until APP's loader is gone (bounded): OK collected | OK leaked
 * exit
 * </pre>
 */
public final class LoaderLauncher {

    private static final Map<String, URLClassLoader> LOADERS = new HashMap<>();
    private static final Map<String, WeakReference<ClassLoader>> UNDEPLOYED = new HashMap<>();

    public static void main(String[] args) throws Exception {
        System.out.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] a = line.trim().split(" ");
            if (a[0].equals("exit")) {
                break;
            }
            try {
                System.out.println("OK " + run(a));
            } catch (Exception e) {
                Throwable t = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                System.out.println("ERR " + t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage())
                        .replace('\n', ' '));
            }
        }
        System.exit(0);
    }

    private static String run(String[] a) throws Exception {
        switch (a[0]) {
            case "deploy": {
                URL[] urls = Arrays.stream(System.getProperty("webapp.path").split(File.pathSeparator))
                        .map(LoaderLauncher::url).toArray(URL[]::new);
                LOADERS.put(a[1], new URLClassLoader("webapp-" + a[1], urls, ClassLoader.getPlatformClassLoader()));
                return a[1];
            }
            case "in":
                return call(a[1], Arrays.copyOfRange(a, 2, a.length));
            case "visible":
                try {
                    Class.forName(a[1], false, LoaderLauncher.class.getClassLoader());
                    return "true";
                } catch (ClassNotFoundException e) {
                    return "false";
                }
            case "abandon": // an undeploy that forgets to close its pools
            case "undeploy": {
                String result = call(a[1], new String[] {a[0].equals("abandon") ? "abandon" : "shutdown"});
                URLClassLoader loader = LOADERS.remove(a[1]);
                UNDEPLOYED.put(a[1], new WeakReference<>(loader));
                loader.close();
                return result;
            }
            case "collect":
                return collect(UNDEPLOYED.get(a[1]));
            default:
                throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }

    private static String call(String app, String[] command) throws Exception {
        ClassLoader loader = LOADERS.get(app);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // as a container does around a request
        try {
            Method m = Class.forName("io.pgjmx.testapp.WebApp", true, loader).getMethod("command", String[].class);
            return (String) m.invoke(null, (Object) command);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A bounded loop, not a timing assertion: a loader nothing holds goes within a few collections. */
    private static String collect(WeakReference<ClassLoader> ref) throws InterruptedException {
        for (int i = 0; i < 200 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ref.get() == null ? "collected" : "leaked";
    }

    private static URL url(String path) {
        try {
            return new File(path).toURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(path, e);
        }
    }
}
