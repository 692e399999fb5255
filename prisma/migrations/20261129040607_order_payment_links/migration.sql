-- AlterTable
ALTER TABLE "Order" ADD COLUMN "sourceCartId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Order_stripePaymentIntentId_key" ON "Order"("stripePaymentIntentId");

