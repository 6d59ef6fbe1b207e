import type { Metadata } from "next";
import Link from "next/link";
import { COLOR_SCHEME_SCRIPT } from "@/components/shell/color-scheme-script";
import { ColorSchemeToggle } from "@/components/shell/color-scheme-toggle";
import { MainNav } from "@/components/shell/main-nav";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchyard", template: "%s · Switchyard" },
  description: "Design, test and run Amazon EventBridge event flows.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The inline script sets the `dark` class before first paint, so the server's <html> differs
    // from the browser's by that class: suppressHydrationWarning (one level deep) allows it.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* A fixed string of ours, not user content. */}
        <script dangerouslySetInnerHTML={{ __html: COLOR_SCHEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100">
          <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
            <Link href="/designs" className="text-lg font-semibold tracking-tight">
              Switchyard
            </Link>
            <MainNav />
            <ColorSchemeToggle />
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
