-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "code" SET DEFAULT gen_random_uuid();
