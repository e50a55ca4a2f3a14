/*
  Warnings:

  - The `x` column on the `P` table would be dropped and recreated. This will lead to data loss if there is data in the column.

*/
-- AlterTable
ALTER TABLE "P" DROP COLUMN "x",
ADD COLUMN     "x" SERIAL NOT NULL;
