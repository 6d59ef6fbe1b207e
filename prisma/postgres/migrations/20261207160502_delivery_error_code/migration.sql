-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "errorCode" TEXT;
