import type { Metadata, Viewport } from "next";
import { readDocumentLanguage } from "@/lib/tenancy/document-language";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Bulwark", template: "%s" },
  description: "A multi-tenant storefront with security engineered in.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang={await readDocumentLanguage()}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
