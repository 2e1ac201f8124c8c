package chorus.kiosk; public final class Main { public static void main(String[] a) {} }
