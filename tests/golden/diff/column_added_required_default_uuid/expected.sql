-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "token" TEXT NOT NULL;
