-- Store settings (issue 16): the store's locale and its policies, shown in the storefront footer.
ALTER TABLE "Tenant" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en-US';
ALTER TABLE "Tenant" ADD COLUMN "shippingPolicy" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Tenant" ADD COLUMN "returnsPolicy" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Tenant" ADD COLUMN "privacyPolicy" TEXT NOT NULL DEFAULT '';
